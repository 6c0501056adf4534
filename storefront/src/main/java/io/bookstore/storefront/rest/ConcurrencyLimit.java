package io.bookstore.storefront.rest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * How many checkouts may run at once, adjusted by their latency (AIMD, as TCP's congestion
 * window): a checkout that took longer than the threshold shrinks the limit by the backoff ratio,
 * at most once per threshold period (the slow checkouts of one congested moment all say the same
 * thing); a fast one grows it by {@code 1 / limit} while at least half of it is used, so by one
 * per limit's worth of fast checkouts. A fixed limit would have to be tuned to one machine and one
 * load: on the devstack the capacity moves between 40 and 100 checkouts/s with the JIT, the rest
 * of the pipeline's backlog and the neighbours. The latency says when the machine is full
 * whatever the cause; {@code min = max} makes the limit fixed.
 */
public final class ConcurrencyLimit {

    private final int min;
    private final int max;
    private final double backoffRatio;
    private final long thresholdNanos;
    private final LongSupplier nanoClock;
    private double limit;
    private int inFlight;
    private long lastBackoff;
    private boolean backedOff;

    public ConcurrencyLimit(int initial, int min, int max, double backoffRatio, Duration latencyThreshold, LongSupplier nanoClock) {
        if (min < 1 || max < min || initial < min || initial > max) {
            throw new IllegalArgumentException("a concurrency limit needs 1 <= min <= initial <= max, not min " + min
                    + ", initial " + initial + ", max " + max);
        }
        if (!(backoffRatio > 0 && backoffRatio < 1) || latencyThreshold.isNegative() || latencyThreshold.isZero()) {
            throw new IllegalArgumentException("a concurrency limit needs a backoff ratio between 0 and 1 and a positive latency threshold");
        }
        this.min = min;
        this.max = max;
        this.backoffRatio = backoffRatio;
        this.thresholdNanos = latencyThreshold.toNanos();
        this.nanoClock = nanoClock;
        this.limit = initial;
    }

    public ConcurrencyLimit(int initial, int min, int max, double backoffRatio, Duration latencyThreshold) {
        this(initial, min, max, backoffRatio, latencyThreshold, System::nanoTime);
    }

    /** A permit when fewer than the limit run now; empty when the request must be refused. */
    public synchronized Optional<Permit> tryAcquire() {
        if (inFlight >= (int) limit) {
            return Optional.empty();
        }
        inFlight++;
        return Optional.of(new Permit(nanoClock.getAsLong()));
    }

    public synchronized int limit() {
        return (int) limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private synchronized void completed(long startedAt) {
        long now = nanoClock.getAsLong();
        if (now - startedAt > thresholdNanos) {
            if (!backedOff || now - lastBackoff >= thresholdNanos) {
                limit = Math.max(min, limit * backoffRatio);
                lastBackoff = now;
                backedOff = true;
            }
        } else if (inFlight * 2 >= (int) limit) {
            limit = Math.min(max, limit + 1 / limit);
        }
        inFlight--;
    }

    /** One admitted checkout's place; {@link #release()} gives it back once, however often it is called. */
    public final class Permit {

        private final long startedAt;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(long startedAt) {
            this.startedAt = startedAt;
        }

        /** The checkout's work is done (answered, failed, or only waiting now): its latency adjusts the limit. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                completed(startedAt);
            }
        }
    }
}
