package io.bookstore.outbox.events;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.OutboxRow;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.Topics;
import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Turns an outbox row into a record of {@link Topics#ORDERS} in CloudEvents binary mode:
 * key = order id, value = the stored payload, attributes as {@code ce_*} headers. Only
 * what the row holds is published. Trace headers are added by the publisher.
 */
public final class CloudEventRecords {

    private CloudEventRecords() {
    }

    /** @throws InvalidEventException when the row would make an event that consumers must reject */
    public static ProducerRecord<String, byte[]> toRecord(OutboxEvent event) {
        validate(event);
        OutboxRow row = event.row();
        String orderId = row.aggregateId().toString();
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, row.eventId().toString());
        add(headers, CloudEventHeaders.TYPE, row.eventType());
        add(headers, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_ORDERS);
        add(headers, CloudEventHeaders.SUBJECT, orderId);
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(row.occurredAt()));
        add(headers, CloudEventHeaders.TENANT, row.tenant());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return new ProducerRecord<>(Topics.ORDERS, null, orderId, row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void validate(OutboxEvent event) {
        OutboxRow row = event.row();
        if (!event.payloadIsObject()) {
            throw new InvalidEventException("payload is not a JSON object");
        }
        if (row.eventType() == null || row.eventType().isBlank()) {
            throw new InvalidEventException("event_type is blank");
        }
        if (!Tenants.isValid(row.tenant())) {
            throw new InvalidEventException("tenant '" + row.tenant() + "' does not match " + Tenants.PATTERN);
        }
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
