package io.bookstore.orders.service;

import io.bookstore.contracts.Uuids;
import io.bookstore.orders.repository.CommitNotifier;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The requests waiting for an order's status to change ({@code GET /orders/{id}} with
 * {@code Prefer: wait=N}), woken by the NOTIFY on {@value CommitNotifier#STATUS_CHANNEL} that
 * {@link CommitNotifier} sends after each status change, in whichever replica of orders made
 * it. One LISTEN connection per replica, made again every second while PostgreSQL is away; a
 * change it missed meanwhile costs its waiter only the rest of its wait, after which the
 * request answers the order as it then is.
 */
@ApplicationScoped
public class StatusChangeWaiters {

    private static final Logger LOG = Logger.getLogger(StatusChangeWaiters.class);
    private static final long RECONNECT_MILLIS = 1_000;
    private static final String REACTIVE_URL_PREFIX = "vertx-reactive:";

    private final Map<UUID, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private volatile boolean stopped;

    public StatusChangeWaiters(Vertx vertx,
                               @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
                               @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                               @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        String url = datasourceUrl.split(",")[0].trim();
        this.options = PgConnectOptions.fromUri(url.startsWith(REACTIVE_URL_PREFIX) ? url.substring(REACTIVE_URL_PREFIX.length()) : url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    void start(@Observes StartupEvent started) {
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> {
                    if (retries == 0 && !stopped) {
                        LOG.warnf("LISTEN connection on %s lost; reconnecting every %d ms", CommitNotifier.STATUS_CHANNEL, RECONNECT_MILLIS);
                    }
                    return stopped ? -1L : RECONNECT_MILLIS;
                });
        PgChannel changes = subscriber.channel(CommitNotifier.STATUS_CHANNEL);
        changes.handler(payload -> Uuids.parse(payload).ifPresent(this::changed));
        connect(true);
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /**
     * Waits for the order's next status change; register before the read that decides whether
     * to wait, so that a change committed between the two still ends the wait.
     */
    public Waiter register(UUID orderId) {
        CompletableFuture<Void> change = new CompletableFuture<>();
        // Atomic with changed()'s remove: a wait added to a set being removed would never end early.
        waiting.compute(orderId, (id, waiters) -> {
            Set<CompletableFuture<Void>> all = waiters == null ? ConcurrentHashMap.newKeySet() : waiters;
            all.add(change);
            return all;
        });
        return new Waiter(orderId, change, Vertx.currentContext());
    }

    private void changed(UUID orderId) {
        Set<CompletableFuture<Void>> waiters = waiting.remove(orderId);
        if (waiters != null) {
            waiters.forEach(change -> change.complete(null));
        }
    }

    /** The subscriber makes a lost connection again itself, but not a first one that failed. */
    private void connect(boolean first) {
        subscriber.connect().onFailure(error -> {
            if (stopped) {
                return;
            }
            if (first) {
                LOG.warnf("Cannot LISTEN on %s (trying every %d ms; waiting requests answer when their wait ends meanwhile): %s",
                        CommitNotifier.STATUS_CHANNEL, RECONNECT_MILLIS, error.getMessage());
            }
            vertx.setTimer(RECONNECT_MILLIS, id -> connect(false));
        });
    }

    /** One request's wait for one order's next change. */
    public final class Waiter {

        private final UUID orderId;
        private final CompletableFuture<Void> change;
        private final Executor onRequestContext;

        private Waiter(UUID orderId, CompletableFuture<Void> change, Context context) {
            this.orderId = orderId;
            this.change = change;
            // The notification comes on the LISTEN connection's context and the end of the wait
            // on a timer thread; what follows runs on the request's, where its span and MDC are.
            this.onRequestContext = context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
        }

        /** Completes when the order changed, or after {@code max}, whichever comes first; on the request's context. */
        public Uni<Void> changedWithin(Duration max) {
            return Uni.createFrom().completionStage(change)
                    .ifNoItem().after(max).recoverWithItem((Void) null)
                    .emitOn(onRequestContext);
        }

        /** Forgets the wait (the request answered). */
        public void close() {
            waiting.computeIfPresent(orderId, (id, waiters) -> {
                waiters.remove(change);
                return waiters.isEmpty() ? null : waiters;
            });
        }
    }
}
