package io.bookstore.outbox.domain;

import java.time.Duration;

/** Rows not yet published, and how long the oldest of them has waited. */
public record Backlog(long pending, Duration oldestAge) {
}
