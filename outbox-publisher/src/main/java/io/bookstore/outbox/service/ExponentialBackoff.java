package io.bookstore.outbox.service;

import java.time.Duration;

/** {@code min · 2^(failures-1)}, capped at {@code max}. */
public record ExponentialBackoff(Duration min, Duration max) {

    public ExponentialBackoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < min <= max, got min=" + min + " max=" + max);
        }
    }

    /** The wait after {@code failures} consecutive failures (1 for the first). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 62);
        double millis = min.toMillis() * Math.pow(2, doublings);
        return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
    }
}
