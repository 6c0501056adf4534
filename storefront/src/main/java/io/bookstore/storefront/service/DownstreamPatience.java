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
import java.util.function.BooleanSupplier;
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
 * {@code Prefer: wait}) and takes one again before each call, as a new checkout would: when the
 * downstream is back, the checkouts that waited for it come back no faster than admission
 * control lets any in, instead of all at once. At most {@code max-waiting} may wait at once;
 * beyond that a checkout fails as it would without patience. The gauge
 * {@code bookstore_checkouts_waiting} counts them.
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

    /** A checkout's admission place: given back whenever it starts to wait, taken again (when one is free) before it calls. */
    public record AdmissionPlace(Runnable giveBack, BooleanSupplier takeAgain) {

        /** A checkout that holds no place (admission control is not in front of it). */
        public static final AdmissionPlace NONE = new AdmissionPlace(() -> { }, () -> true);
    }

    /** The patience of a checkout that arrives now; {@link Patience#end()} must run when the checkout ends, however it ends. */
    public Patience begin(AdmissionPlace place) {
        return new Patience(System.nanoTime() + patienceNanos, place, Vertx.currentContext());
    }

    /** Checkouts waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /** One checkout's patience. */
    public final class Patience {

        private final long deadline;
        private final AdmissionPlace place;
        private final Context context;
        private final AtomicBoolean counted = new AtomicBoolean();

        private Patience(long deadline, AdmissionPlace place, Context context) {
            this.deadline = deadline;
            this.place = place;
            this.context = context;
        }

        /**
         * The call, made again while it fails fast and the checkout's patience lasts, each time
         * after a pause and once the checkout has an admission place again; its last failure
         * when the patience runs out (or no place to wait is free).
         */
        public <T> Uni<T> waitFor(Supplier<Uni<T>> call) {
            return Uni.createFrom().<T>deferred(() -> call.get())
                    .onFailure(failure -> failure instanceof DownstreamUnavailableException unavailable && !unavailable.timedOut())
                    .recoverWithUni(failure -> {
                        if (!startWaiting()) {
                            return Uni.createFrom().failure(failure);
                        }
                        place.giveBack().run();
                        return nextTurn(failure).flatMap(turn -> waitFor(call));
                    });
        }

        /** The checkout ended: its place among the waiting ones, if it took one, goes back. */
        public void end() {
            if (counted.compareAndSet(true, false)) {
                waiting.decrementAndGet();
            }
        }

        /** Counts the checkout among the waiting ones, the first time; false when they are as many as may wait. */
        private boolean startWaiting() {
            if (counted.get()) {
                return true;
            }
            if (waiting.incrementAndGet() > maxWaiting) {
                waiting.decrementAndGet();
                return false;
            }
            counted.set(true);
            return true;
        }

        /**
         * After a pause of about an interval, the moment to call again: once the checkout has
         * an admission place (asking again after each pause); {@code failure} when the patience
         * runs out first.
         */
        private Uni<Void> nextTurn(Throwable failure) {
            long pauseMillis = intervalMillis / 2 + ThreadLocalRandom.current().nextLong(intervalMillis);
            if (System.nanoTime() + pauseMillis * 1_000_000 > deadline) {
                return Uni.createFrom().failure(failure);
            }
            return pause(pauseMillis).flatMap(paused -> place.takeAgain().getAsBoolean() ? Uni.createFrom().voidItem() : nextTurn(failure));
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
