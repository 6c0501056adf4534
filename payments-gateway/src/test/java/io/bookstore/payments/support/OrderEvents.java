package io.bookstore.payments.support;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.testkit.TopicReader;
import io.bookstore.testkit.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Order events on {@code bookstore.orders.v1} as outbox-publisher writes them, and the dead-letter topic. */
public final class OrderEvents {

    private OrderEvents() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
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
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_ORDERS);
        headers.put(CloudEventHeaders.SUBJECT, order.id().toString());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.TENANT, order.tenant());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
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
        try (TopicWriter writer = TopicWriter.to(bootstrapServers())) {
            writer.send(Topics.ORDERS, key, value, headers);
        }
    }

    /** The dead-lettered records with this key, once at least {@code atLeast} of them arrived. */
    public static List<ConsumerRecord<String, String>> deadLetters(String key, int atLeast) {
        try (TopicReader reader = TopicReader.fromBeginning(bootstrapServers(), Topics.ORDERS_DLQ)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (true) {
                List<ConsumerRecord<String, String>> matching = reader.readFor(Duration.ofMillis(500)).stream()
                        .filter(record -> key.equals(record.key()))
                        .toList();
                if (matching.size() >= atLeast || Instant.now().isAfter(deadline)) {
                    return matching;
                }
            }
        }
    }

    /** A random lower-case hex string of {@code bytes} bytes, never all zeros (an invalid trace or span id). */
    public static String hex(int bytes) {
        byte[] random = Services.randomBytes(bytes);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
