package io.bookstore.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One outbox row as orders writes it and outbox-publisher publishes it, and nothing else:
 * {@code aggregateId} (the order) is the Kafka key, {@code eventId} the consumers' dedup key
 * ({@code ce_id}), {@code payload} the JSON record value byte for byte, and
 * {@code traceContext} every key the writer's propagators injected ({@code traceparent}, ...).
 */
public record OutboxRow(
        UUID eventId,
        UUID aggregateId,
        long version,
        String eventType,
        String tenant,
        String payload,
        Map<String, String> traceContext,
        Instant occurredAt) {

    public OutboxRow {
        traceContext = Map.copyOf(traceContext);
    }
}
