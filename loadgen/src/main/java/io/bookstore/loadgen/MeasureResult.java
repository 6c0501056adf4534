package io.bookstore.loadgen;

import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * One latency measure of a step (e.g. {@code checkout}, {@code checkout→paid}): the
 * measured window's histogram in microseconds, the warm-up's kept apart, the completions
 * per second inside the window, and the failures by kind.
 */
record MeasureResult(String name, Histogram measured, Histogram warmup, double achievedPerSecond, Map<String, Long> errors) {

    MeasureResult {
        errors = Map.copyOf(errors);
    }

    long count() {
        return measured.getTotalCount();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Milliseconds at a percentile (0..100), NaN without values. */
    double millisAt(double percentile) {
        return count() == 0 ? Double.NaN : measured.getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis() {
        return count() == 0 ? Double.NaN : measured.getMaxValue() / 1_000.0;
    }
}
