package io.bookstore.outbox.domain;

import java.time.Duration;

/**
 * Why a claimed row was not published.
 *
 * @param retryAfter when the row may be claimed again; unused when the row is moved to {@code outbox_dead}
 */
public record RowFailure(long id, String error, Duration retryAfter) {
}
