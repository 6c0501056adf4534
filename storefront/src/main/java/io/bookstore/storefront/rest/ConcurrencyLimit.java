package io.bookstore.storefront.rest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * How many checkouts may run at once, adjusted by their latency (AIMD, as TCP's congestion
 * window). While at least half of the limit is used, a checkout slower than the slow mark shrinks
 * the limit by the backoff ratio, at most once per threshold period (the slow checkouts of one
 * congested moment all say the same thing), and a faster one grows it by {@code 1 / limit}, so by
 * one per limit's worth of fast checkouts. A fixed limit would have to be tuned to one machine and
 * one load: on the devstack the capacity moves between 40 and 100 checkouts/s with the JIT, the
 * rest of the pipeline's backlog and the neighbours. The latency says when the machine is full
 * whatever the cause; {@code min = max} makes the limit fixed.
 * <p>
 * The slow mark is the latency threshold or {@value #TOLERANCE} times the usual latency of a
 * checkout that ran while less than half of the limit was used (its moving average over about
 * {@value #USUAL_WINDOW} checkouts, from the first checkout after start), whichever is higher.
 * A checkout that is slow with few others beside it is slow for another reason (cold JVMs just
 * after start, a slow neighbour): admitting fewer would not make it faster, only refuse shoppers
 * a machine could serve. Such checkouts neither shrink the limit nor count as congestion; they
 * raise the mark until the machine is warm.
 */
public final class ConcurrencyLimit {

    /** How many times the usual latency a checkout must take to count as slow. */
    static final double TOLERANCE = 2.0;
    /** How many unqueued checkouts the usual latency is averaged over. */
    static final int USUAL_WINDOW = 100;

    private final int min;
    private final int max;
    private final double backoffRatio;
    private final long thresholdNanos;
    private final LongSupplier nanoClock;
    private double limit;
    private int inFlight;
    private long lastBackoff;
    private boolean backedOff;
    private double usualNanos;
    private long usualSamples;

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
        long latency = now - startedAt;
        boolean queued = inFlight * 2 >= (int) limit;
        if (!queued || usualSamples == 0) {
            // The first checkout after start counts, queued or not: until it, no mark is known.
            usualSamples++;
            usualNanos += (latency - usualNanos) / Math.min(usualSamples, USUAL_WINDOW);
        }
        if (queued && latency > slowMarkNanos()) {
            if (!backedOff || now - lastBackoff >= thresholdNanos) {
                limit = Math.max(min, limit * backoffRatio);
                lastBackoff = now;
                backedOff = true;
            }
        } else if (queued) {
            limit = Math.min(max, limit + 1 / limit);
        }
        inFlight--;
    }

    private double slowMarkNanos() {
        return Math.max(thresholdNanos, TOLERANCE * usualNanos);
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
