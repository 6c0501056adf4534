package io.bookstore.orders.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One outbox row: what outbox-publisher sends to Kafka, and nothing else. {@code payload}
 * is the JSON record value; {@code traceContext} holds every key the propagators inject.
 */
public record OutboxEvent(
        UUID eventId,
        UUID aggregateId,
        long version,
        String eventType,
        String tenant,
        String payload,
        Map<String, String> traceContext,
        Instant occurredAt) {

    public OutboxEvent {
        traceContext = Map.copyOf(traceContext);
    }
}
