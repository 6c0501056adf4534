package io.bookstore.outbox.domain;

import io.bookstore.contracts.OutboxRow;

import java.time.Duration;

/**
 * An outbox row as this replica claimed it: what orders wrote, and the claim's own state.
 *
 * @param id              the row's position in the outbox, the order of publishing
 * @param row             what orders wrote, published as it is
 * @param payloadIsObject whether the payload is a JSON object, the only shape an event may have
 * @param attempts        claims of this row so far, this one included
 * @param lastError       why the previous attempt failed, if it did
 * @param ageAtClaim      the row's age on the database clock when it was claimed
 * @param claimedAtNanos  {@link System#nanoTime()} when the claim returned, so the age at ack
 *                        needs no agreement between the database clock and ours
 */
public record OutboxEvent(
        long id,
        OutboxRow row,
        boolean payloadIsObject,
        int attempts,
        String lastError,
        Duration ageAtClaim,
        long claimedAtNanos) {

    /** How long the row has waited, from its insert to {@code nanoTime}. */
    public Duration ageAt(long nanoTime) {
        return ageAtClaim.plusNanos(nanoTime - claimedAtNanos);
    }
}
