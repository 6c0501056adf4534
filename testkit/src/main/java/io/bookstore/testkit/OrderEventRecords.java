package io.bookstore.testkit;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Records of {@link Topics#ORDERS} as outbox-publisher writes them (CloudEvents binary mode:
 * {@code ce_*} headers, JSON value), for tests of consumers: their headers, to send with
 * {@link TopicWriter}, or the record as a consumer receives it, to hand to it directly.
 */
public final class OrderEventRecords {

    private OrderEventRecords() {
    }

    /** Every {@code ce_*} header and the content type, in a map the test may still change (or break). */
    public static Map<String, String> headers(String type, UUID eventId, UUID orderId, String tenant) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, eventId.toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_ORDERS);
        headers.put(CloudEventHeaders.SUBJECT, orderId.toString());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.TENANT, tenant);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return headers;
    }

    /** The record a consumer would poll, at offset 0 of partition 0; headers in map order, a null value as an empty header. */
    public static ConsumerRecord<String, String> consumerRecord(String key, String value, Map<String, String> headers) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.ORDERS, 0, 0, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header == null ? null : header.getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
