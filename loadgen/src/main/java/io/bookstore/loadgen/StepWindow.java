package io.bookstore.loadgen;

import java.time.Duration;

/**
 * One rate step on the {@link System#nanoTime()} clock: warm-up from {@code start} to
 * {@code measureStart}, the measured window from there to {@code end}. Request {@code i}
 * is scheduled at {@code start + i / rate}.
 */
record StepWindow(double rate, long start, long measureStart, long end) {

    static StepWindow startingAt(long start, double rate, Duration warmup, Duration duration) {
        long measureStart = start + warmup.toNanos();
        return new StepWindow(rate, start, measureStart, measureStart + duration.toNanos());
    }

    /** Rounded, not accumulated, so that a long run does not drift from its rate. */
    long scheduledTime(long index) {
        return start + Math.round(index * 1e9 / rate);
    }

    boolean isMeasured(long nanoTime) {
        return nanoTime >= measureStart && nanoTime < end;
    }

    double measuredSeconds() {
        return (end - measureStart) / 1e9;
    }

    long expectedMeasured() {
        return Math.round(measuredSeconds() * rate);
    }
}
