package io.bookstore.outbox.domain;

/**
 * One batch of the relay: rows claimed, and what became of them.
 *
 * @param retryError why the first retried row failed, when one did
 */
public record DrainReport(int claimed, int published, int dead, int retried, String retryError) {

    public static final DrainReport NOTHING_CLAIMABLE = new DrainReport(0, 0, 0, 0, null);
}
