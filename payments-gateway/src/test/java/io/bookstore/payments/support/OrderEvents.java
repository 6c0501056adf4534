package io.bookstore.payments.support;

import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.testkit.DeadLetters;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.OrderEventRecords;
import io.bookstore.testkit.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Order events on {@code bookstore.orders.v1} as outbox-publisher writes them, and the dead-letter topic. */
public final class OrderEvents {

    private OrderEvents() {
    }

    /** The payload of the order's {@code order.created} event. */
    public static String orderCreated(Services.Order order) {
        return """
                {"order_id":"%s","tenant":"%s","version":1,"currency":"%s","total_cents":%d,"payment_method":"%s",
                 "lines":[{"isbn":"%s","qty":1,"unit_price_cents":%d}],"created_at":"%s"}""".formatted(
                order.id(), order.tenant(), order.currency(), order.totalCents(), order.paymentMethod(),
                Services.ISBN, Services.UNIT_PRICE_CENTS, Instant.now());
    }

    /** The CloudEvents headers of an event of the order, with a fresh {@code ce_id} and a fresh trace. */
    public static Map<String, String> headers(Services.Order order, String type) {
        Map<String, String> headers = OrderEventRecords.headers(type, UUID.randomUUID(), order.id(), order.tenant());
        headers.put(TraceHeaders.TRACEPARENT, "00-" + hex(16) + "-" + hex(8) + "-01");
        return headers;
    }

    /** Publishes the order's {@code order.created}, keyed by the order id; returns its headers. */
    public static Map<String, String> publishCreated(Services.Order order) {
        Map<String, String> headers = headers(order, EventTypes.ORDER_CREATED);
        publish(order.id().toString(), orderCreated(order), headers);
        return headers;
    }

    public static void publish(String key, String value, Map<String, String> headers) {
        try (TopicWriter writer = TopicWriter.to(KafkaResource.bootstrapServers())) {
            writer.send(Topics.ORDERS, key, value, headers);
        }
    }

    /** The dead-lettered records with this key, once at least {@code atLeast} of them arrived. */
    public static List<ConsumerRecord<String, String>> deadLetters(String key, int atLeast) {
        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            return deadLetters.await(key, atLeast, Duration.ofSeconds(30));
        }
    }

    /** The dead-lettered records with this key that arrive within {@code duration}: none, when the record was not poison. */
    public static List<ConsumerRecord<String, String>> deadLettersWithin(String key, Duration duration) {
        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            return deadLetters.during(duration, key);
        }
    }

    /** A W3C traceparent of a new, sampled trace, as the gateway puts in an intent's metadata. */
    public static String traceparent() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    /** A random lower-case hex string of {@code bytes} bytes, never all zeros (an invalid trace or span id). */
    public static String hex(int bytes) {
        byte[] random = Services.randomBytes(bytes);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
