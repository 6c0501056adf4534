package io.bookstore.outbox.domain;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * An outbox row as this replica claimed it.
 *
 * @param payload         the JSON payload as stored, published byte for byte as the record value
 * @param payloadIsObject whether the payload is a JSON object, the only shape an event may have
 * @param traceContext    the propagator keys of the writer's context ({@code traceparent}, ...)
 * @param attempts        claims of this row so far, this one included
 * @param lastError       why the previous attempt failed, if it did
 * @param ageAtClaim      the row's age on the database clock when it was claimed
 * @param claimedAtNanos  {@link System#nanoTime()} when the claim returned, so the age at ack
 *                        needs no agreement between the database clock and ours
 */
public record OutboxEvent(
        long id,
        UUID eventId,
        UUID aggregateId,
        long version,
        String eventType,
        String tenant,
        String payload,
        boolean payloadIsObject,
        Map<String, String> traceContext,
        OffsetDateTime occurredAt,
        int attempts,
        String lastError,
        Duration ageAtClaim,
        long claimedAtNanos) {

    /** How long the row has waited, from its insert to {@code nanoTime}. */
    public Duration ageAt(long nanoTime) {
        return ageAtClaim.plusNanos(nanoTime - claimedAtNanos);
    }
}
