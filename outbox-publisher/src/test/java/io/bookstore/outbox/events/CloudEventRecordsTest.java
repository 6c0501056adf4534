package io.bookstore.outbox.events;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.OutboxRow;
import io.bookstore.contracts.Topics;
import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class CloudEventRecordsTest {

    private static final UUID EVENT_ID = UUID.fromString("8d0f4b7e-3c55-4d6f-9a0e-2f8a1b2c3d4e");
    private static final UUID ORDER_ID = UUID.fromString("1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    private static final String PAYLOAD = "{\"order_id\": \"1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed\", \"version\": 2}";

    @Test
    void recordCarriesKeyPayloadAndEveryCloudEventsAttributeOnce() {
        OffsetDateTime occurredAt = OffsetDateTime.of(2025, 3, 14, 9, 26, 53, 589_000_000, ZoneOffset.ofHours(2));

        ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event("order.paid", "acme", true, occurredAt));

        assertThat(record.topic()).isEqualTo(Topics.ORDERS);
        assertThat(record.key()).isEqualTo(ORDER_ID.toString());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(PAYLOAD);
        Map<String, String> headers = StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).containsOnlyKeys(CloudEventHeaders.REQUIRED).contains(
                entry("ce_specversion", "1.0"),
                entry("ce_id", EVENT_ID.toString()),
                entry("ce_type", "order.paid"),
                entry("ce_source", "/bookstore/orders"),
                entry("ce_subject", ORDER_ID.toString()),
                entry("ce_time", "2025-03-14T07:26:53.589Z"),
                entry("ce_tenant", "acme"),
                entry("content-type", "application/json"));
    }

    @Test
    void rowsConsumersWouldRejectAreInvalidEvents() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertThatThrownBy(() -> CloudEventRecords.toRecord(event("order.paid", "acme", false, now)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> CloudEventRecords.toRecord(event(" ", "acme", true, now)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("event_type");
        assertThatThrownBy(() -> CloudEventRecords.toRecord(event("order.paid", "Not A Tenant", true, now)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("tenant");
    }

    private static OutboxEvent event(String type, String tenant, boolean payloadIsObject, OffsetDateTime occurredAt) {
        OutboxRow row = new OutboxRow(EVENT_ID, ORDER_ID, 2, type, tenant, PAYLOAD, Map.of(), occurredAt.toInstant());
        return new OutboxEvent(7, row, payloadIsObject, 1, null, Duration.ZERO, System.nanoTime());
    }
}
