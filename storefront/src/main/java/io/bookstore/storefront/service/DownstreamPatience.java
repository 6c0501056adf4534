package io.bookstore.storefront.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.storefront.client.DownstreamUnavailableException;
import io.bookstore.storefront.config.StorefrontConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A checkout that meets catalog or orders briefly gone waits for it rather than failing at once
 * (issue 17: a crash should cost the shopper seconds, not a refusal). A restarted service is
 * ready again within a few seconds, and every call of a checkout may be made again: the
 * reservation is keyed by the order's id at catalog, the creation by the Idempotency-Key at
 * orders. So a call that failed fast (a refused or dropped connection, a 5xx, an open breaker)
 * is made again every {@code patience-interval} until it succeeds or {@code patience} has passed
 * since the checkout arrived; the failure then stands. A call that timed out is not waited for:
 * the downstream is slow, not gone, and asking again only adds to its load.
 * <p>
 * A waiting checkout gives its admission place back (it costs a timer, like a
 * {@code Prefer: wait}), so at most {@code max-waiting} may wait at once; beyond that a checkout
 * fails as it would without patience. The gauge {@code bookstore_checkouts_waiting} counts them.
 */
@Singleton
@Startup // the gauge is there from the start, not from the first checkout
public class DownstreamPatience {

    private final long patienceNanos;
    private final long intervalMillis;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();

    @Inject
    public DownstreamPatience(StorefrontConfig config, MeterRegistry registry) {
        this(config.checkout().patience(), config.checkout().patienceInterval(), config.checkout().maxWaiting(), registry);
    }

    DownstreamPatience(Duration patience, Duration interval, int maxWaiting, MeterRegistry registry) {
        this.patienceNanos = patience.toNanos();
        this.intervalMillis = Math.max(2, interval.toMillis());
        this.maxWaiting = maxWaiting;
        Gauge.builder(BusinessMetrics.CHECKOUTS_WAITING, waiting, AtomicInteger::get)
                .description("Checkouts waiting for catalog or orders to come back")
                .register(registry);
    }

    /**
     * The patience of a checkout that arrives now. {@code firstWait} runs when it starts to
     * wait; {@link Patience#end()} must run when the checkout ends, however it ends.
     */
    public Patience begin(Runnable firstWait) {
        return new Patience(System.nanoTime() + patienceNanos, firstWait, Vertx.currentContext());
    }

    /** Whether a checkout waits after {@code failure}: its downstream failed fast, so it may be back soon. */
    public static boolean waitsFor(Throwable failure) {
        return failure instanceof DownstreamUnavailableException unavailable && !unavailable.timedOut();
    }

    /** Checkouts waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /** One checkout's patience. */
    public final class Patience {

        private final long deadline;
        private final Runnable firstWait;
        private final Context context;
        private final AtomicBoolean holdsPlace = new AtomicBoolean();

        private Patience(long deadline, Runnable firstWait, Context context) {
            this.deadline = deadline;
            this.firstWait = firstWait;
            this.context = context;
        }

        /**
         * The call, made again after a pause while it fails fast and the checkout's patience
         * lasts; its last failure when the patience runs out (or no place to wait is free).
         */
        public <T> Uni<T> waitFor(Supplier<Uni<T>> call) {
            return Uni.createFrom().<T>deferred(() -> call.get())
                    .onFailure(DownstreamPatience::waitsFor)
                    .recoverWithUni(failure -> {
                        long pauseMillis = intervalMillis / 2 + ThreadLocalRandom.current().nextLong(intervalMillis);
                        if (System.nanoTime() + pauseMillis * 1_000_000 > deadline || !takePlace()) {
                            return Uni.createFrom().failure(failure);
                        }
                        return pause(pauseMillis).flatMap(paused -> waitFor(call));
                    });
        }

        /** The checkout ended: its place among the waiting ones, if it took one, goes back. */
        public void end() {
            if (holdsPlace.compareAndSet(true, false)) {
                waiting.decrementAndGet();
            }
        }

        private boolean takePlace() {
            if (holdsPlace.get()) {
                return true;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                return false;
            }
            holdsPlace.set(true);
            firstWait.run();
            return true;
        }

        /**
         * A timer on the request's own Vert.x context, so that the next attempt runs where the
         * checkout's trace and request context are (a Mutiny delay would resume on a worker).
         */
        private Uni<Void> pause(long millis) {
            if (context == null) {
                return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis));
            }
            return Uni.createFrom().emitter(emitter -> context.runOnContext(
                    ignored -> context.owner().setTimer(millis, timer -> emitter.complete(null))));
        }
    }
}
