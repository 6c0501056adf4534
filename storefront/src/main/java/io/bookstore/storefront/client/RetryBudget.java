package io.bookstore.storefront.client;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Retries as a share of one downstream's recent calls: a retry is allowed while the retries of
 * the last window stay under {@code ratio} of its calls plus {@code minimum}. A fixed number of
 * retries per call multiplies the load on a downstream that is already failing (three attempts
 * for every call); a budget adds at most the share, and the minimum still retries the rare
 * failure of a quiet downstream. The window is counted in ten buckets, so old calls age out
 * in steps of a tenth of it.
 */
public final class RetryBudget {

    private static final int BUCKETS = 10;

    private final double ratio;
    private final int minimum;
    private final long bucketNanos;
    private final LongSupplier nanoClock;
    private final long[] calls = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];
    /** Which bucket period each slot counts now; a slot from an older period counts nothing. */
    private final long[] periods = new long[BUCKETS];

    public RetryBudget(double ratio, int minimum, Duration window, LongSupplier nanoClock) {
        if (ratio < 0 || minimum < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a retry budget needs a ratio and minimum >= 0 and a positive window");
        }
        this.ratio = ratio;
        this.minimum = minimum;
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.nanoClock = nanoClock;
    }

    public RetryBudget(double ratio, int minimum, Duration window) {
        this(ratio, minimum, window, System::nanoTime);
    }

    /** A call (its first attempt) was made. */
    public synchronized void called() {
        calls[slot()]++;
    }

    /** Whether one more retry stays within the budget. */
    public synchronized boolean allowsRetry() {
        long period = period();
        long recentCalls = 0;
        long recentRetries = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (period - periods[i] < BUCKETS) {
                recentCalls += calls[i];
                recentRetries += retries[i];
            }
        }
        return recentRetries < minimum + ratio * recentCalls;
    }

    /** A retry was made. */
    public synchronized void retried() {
        retries[slot()]++;
    }

    private int slot() {
        long period = period();
        int slot = (int) Math.floorMod(period, (long) BUCKETS);
        if (periods[slot] != period) {
            periods[slot] = period;
            calls[slot] = 0;
            retries[slot] = 0;
        }
        return slot;
    }

    private long period() {
        return Math.floorDiv(nanoClock.getAsLong(), bucketNanos);
    }
}
