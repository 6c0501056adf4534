package io.bookstore.recommendations.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.OrderEventRecords;
import io.bookstore.testkit.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A record of {@link Topics#ORDERS} as the outbox-publisher writes it (CloudEvents binary
 * mode, key = order id), which a test may then break on purpose before sending it.
 */
public record OrderRecord(String key, String value, Map<String, String> headers) {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public OrderRecord {
        headers = new LinkedHashMap<>(headers);
    }

    public static OrderLine line(String isbn, int qty) {
        return new OrderLine(isbn, qty, 2500);
    }

    public static OrderRecord paid(String tenant, OrderLine... lines) {
        UUID orderId = UUID.randomUUID();
        long total = List.of(lines).stream().mapToLong(line -> line.qty() * line.unitPriceCents()).sum();
        return of(EventTypes.ORDER_PAID, orderId, tenant,
                new OrderPaid(orderId, tenant, 2, "pi_" + orderId.toString().substring(0, 8), "USD", total, List.of(lines), Instant.now()));
    }

    public static OrderRecord created(String tenant, OrderLine... lines) {
        UUID orderId = UUID.randomUUID();
        long total = List.of(lines).stream().mapToLong(line -> line.qty() * line.unitPriceCents()).sum();
        return of(EventTypes.ORDER_CREATED, orderId, tenant,
                new OrderCreated(orderId, tenant, 1, "USD", total, "pm_card_visa", List.of(lines), Instant.now()));
    }

    public static OrderRecord paymentFailed(String tenant) {
        UUID orderId = UUID.randomUUID();
        return of(EventTypes.ORDER_PAYMENT_FAILED, orderId, tenant,
                new OrderPaymentFailed(orderId, tenant, 2, "pi_declined", Instant.now()));
    }

    private static OrderRecord of(String type, UUID orderId, String tenant, Object payload) {
        Map<String, String> headers = OrderEventRecords.headers(type, UUID.randomUUID(), orderId, tenant);
        try {
            return new OrderRecord(orderId.toString(), JSON.writeValueAsString(payload), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ce_id: the event id the consumer deduplicates on. */
    public UUID eventId() {
        return UUID.fromString(headers.get(CloudEventHeaders.ID));
    }

    /** The same record with a header replaced, or removed when {@code value} is null. */
    public OrderRecord withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new OrderRecord(key, this.value, changed);
    }

    public OrderRecord withValue(String value) {
        return new OrderRecord(key, value, headers);
    }

    /** The same record under another key: a record with the same key lands on the same partition. */
    public OrderRecord withKey(String key) {
        return new OrderRecord(key, value, headers);
    }

    /** The record as the consumer polls it, to hand to the consumer directly. */
    public ConsumerRecord<String, String> polled() {
        return OrderEventRecords.consumerRecord(key, value, headers);
    }

    /** Writes the record to the order topic and waits for the broker's acknowledgement. */
    public OrderRecord send() {
        sendAll(this);
        return this;
    }

    /** Writes the records in this order, each acknowledged before the next is sent. */
    public static void sendAll(OrderRecord... records) {
        try (TopicWriter writer = TopicWriter.to(KafkaResource.bootstrapServers())) {
            for (OrderRecord record : records) {
                writer.send(Topics.ORDERS, record.key(), record.value(), record.headers());
            }
        }
    }
}
