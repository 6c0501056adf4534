package io.bookstore.loadgen;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/** A latency histogram many threads record into: microseconds, 3 significant digits, up to an hour. */
final class LatencyRecorder {

    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = newHistogram();

    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /** Records {@code end - start} on the {@link System#nanoTime()} clock. */
    void record(long startNanos, long endNanos) {
        long micros = Math.max(0, (endNanos - startNanos) / 1_000);
        synchronized (histogram) {
            histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
        }
    }

    Histogram snapshot() {
        synchronized (histogram) {
            return histogram.copy();
        }
    }
}
