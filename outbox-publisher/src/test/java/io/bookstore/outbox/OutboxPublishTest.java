package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Spans;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.testkit.TopicReader;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxPublishTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Inject
    InMemorySpanExporter spans;

    @Test
    void rowWithStoredTraceContextIsPublishedAsCloudEventUnderThatTrace() throws Exception {
        String tenant = OrdersOutbox.tenant("acme");
        UUID orderId = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";
        String storedContext = OrdersOutbox.json(Map.of(
                TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpanId + "-01",
                TraceHeaders.TRACESTATE, "vendor=abc",
                TraceHeaders.BAGGAGE, "checkout.channel=web"));
        Row row = OrdersOutbox.event(orderId, tenant, 1).withTraceContext(storedContext);

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(row));

            ConsumerRecord<String, String> record = topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, DELIVERY).get(0);

            assertThat(record.key()).isEqualTo(orderId.toString());
            assertThat(OrdersOutbox.JSON.readTree(record.value())).isEqualTo(OrdersOutbox.JSON.readTree(row.payload()));
            assertThat(onlyHeader(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(onlyHeader(record, CloudEventHeaders.ID)).isEqualTo(row.eventId().toString());
            assertThat(onlyHeader(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ORDER_CREATED);
            assertThat(onlyHeader(record, CloudEventHeaders.SOURCE)).isEqualTo(CloudEventHeaders.SOURCE_ORDERS);
            assertThat(onlyHeader(record, CloudEventHeaders.SUBJECT)).isEqualTo(orderId.toString());
            assertThat(Instant.parse(onlyHeader(record, CloudEventHeaders.TIME))).isEqualTo(row.occurredAt());
            assertThat(onlyHeader(record, CloudEventHeaders.TENANT)).isEqualTo(tenant);
            assertThat(onlyHeader(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");

            Matcher traceparent = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01")
                    .matcher(onlyHeader(record, TraceHeaders.TRACEPARENT));
            assertThat(traceparent.matches()).isTrue();
            assertThat(traceparent.group(1)).isEqualTo(traceId);
            assertThat(traceparent.group(2)).isNotEqualTo(parentSpanId);
            assertThat(onlyHeader(record, TraceHeaders.TRACESTATE)).isEqualTo("vendor=abc");
            assertThat(onlyHeader(record, TraceHeaders.BAGGAGE)).contains("checkout.channel=web");

            SpanData span = await().atMost(Duration.ofSeconds(10))
                    .until(() -> produceSpan(row.eventId()), found -> found != null);
            assertThat(span.getName()).isEqualTo(Spans.OUTBOX_SEND);
            assertThat(span.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(span.getTraceId()).isEqualTo(traceId);
            assertThat(span.getParentSpanId()).isEqualTo(parentSpanId);
            assertThat(span.getSpanId()).isEqualTo(traceparent.group(2));
            assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")))
                    .isEqualTo("bookstore.orders.v1");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("send");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.kafka.message.key")))
                    .isEqualTo(orderId.toString());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE event_id = ?", row.eventId()) == 0);
    }

    @Test
    void eachEventGetsItsOwnCeIdAndOrdersKeepVersionOrder() {
        String tenant = OrdersOutbox.tenant("globex");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<Row> rows = List.of(
                OrdersOutbox.event(first, tenant, 1), OrdersOutbox.event(second, tenant, 1),
                OrdersOutbox.event(first, tenant, 2), OrdersOutbox.event(second, tenant, 2));

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(rows);
            List<ConsumerRecord<String, String>> records = topic.await(OrderTopic.keyedBy(List.of(first, second)), 4, DELIVERY);

            assertThat(records).extracting(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.eventId().toString()).toList());
            for (UUID order : List.of(first, second)) {
                assertThat(records.stream().filter(r -> r.key().equals(order.toString())).map(OrderTopic::version))
                        .containsExactly(1L, 2L);
            }
        }
    }

    @Test
    void rowWithoutTraceContextIsStillPublished() {
        UUID orderId = UUID.randomUUID();
        Row row = OrdersOutbox.event(orderId, OrdersOutbox.tenant("initech"), 1).withTraceContext("{}");

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(row));
            ConsumerRecord<String, String> record = topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, DELIVERY).get(0);

            assertThat(TopicReader.headers(record, TraceHeaders.TRACEPARENT)).hasSize(1);
            assertThat(onlyHeader(record, CloudEventHeaders.ID)).isEqualTo(row.eventId().toString());
        }
    }

    @Test
    void poisonRowsGoToOutboxDeadAndTheOrdersLaterEventsStillFlow() {
        String tenant = OrdersOutbox.tenant("umbrella");
        UUID notAnObject = UUID.randomUUID();
        UUID tooLarge = UUID.randomUUID();
        Row arrayPayload = OrdersOutbox.event(notAnObject, tenant, 1).withPayload("[1, 2, 3]");
        Row afterIt = OrdersOutbox.event(notAnObject, tenant, 2);
        Row oversized = OrdersOutbox.event(tooLarge, tenant, 1)
                .withPayload(OrdersOutbox.json(Map.of("order_id", tooLarge.toString(), "padding", "x".repeat(1_200_000))));

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(arrayPayload, afterIt, oversized));

            List<ConsumerRecord<String, String>> records = topic.await(OrderTopic.keyedBy(List.of(notAnObject)), 1, DELIVERY);
            assertThat(records).extracting(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow())
                    .containsExactly(afterIt.eventId().toString());
            assertThat(topic.during(Duration.ofSeconds(1), OrderTopic.keyedBy(List.of(tooLarge)))).isEmpty();
        }

        assertThat(OrdersOutbox.queryString("SELECT error FROM outbox_dead WHERE event_id = ?", arrayPayload.eventId()))
                .contains("payload is not a JSON object");
        assertThat(OrdersOutbox.queryString("SELECT error FROM outbox_dead WHERE event_id = ?", oversized.eventId()))
                .contains("RecordTooLargeException");
        assertThat(OrdersOutbox.queryLong("SELECT attempts FROM outbox_dead WHERE event_id = ?", oversized.eventId()))
                .isEqualTo(1);
        assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant)).isZero();
        assertThat(metric("bookstore_outbox_dead_total", tenant, EventTypes.ORDER_CREATED)).isEqualTo(2.0);
    }

    @Test
    void metricsCountPublishedEventsAndRecordTheirLag() {
        String tenant = OrdersOutbox.tenant("metrics");
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(orders.stream().map(order -> OrdersOutbox.event(order, tenant, 1)).toList());
            topic.await(OrderTopic.keyedBy(orders), 3, DELIVERY);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(metric("bookstore_outbox_published_total", tenant, EventTypes.ORDER_CREATED)).isEqualTo(3.0);
            assertThat(metric("bookstore_outbox_publish_lag_seconds_count", tenant, EventTypes.ORDER_CREATED)).isEqualTo(3.0);
        });
        String metrics = metricsPage();
        assertThat(metrics).containsPattern("bookstore_outbox_publish_lag_seconds_bucket\\{[^}]*tenant=\"" + tenant + "\"");
        assertThat(metrics).containsPattern("(?m)^bookstore_outbox_pending(\\{[^}]*})? ");
        assertThat(metrics).containsPattern("(?m)^bookstore_outbox_oldest_pending_age_seconds(\\{[^}]*})? ");
    }

    private SpanData produceSpan(UUID eventId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> eventId.toString().equals(s.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))))
                .findFirst()
                .orElse(null);
    }

    private static String onlyHeader(ConsumerRecord<String, String> record, String name) {
        List<String> values = TopicReader.headers(record, name);
        assertThat(values).as("values of header %s", name).hasSize(1);
        return values.get(0);
    }

    static String metricsPage() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the series of {@code name} with both tags, 0 when it does not exist yet. */
    static double metric(String name, String tenant, String eventType) {
        Pattern series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$");
        Matcher matcher = series.matcher(metricsPage());
        while (matcher.find()) {
            String tags = matcher.group(1);
            if (tags.contains("tenant=\"" + tenant + "\"") && tags.contains("event_type=\"" + eventType + "\"")) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        return 0.0;
    }
}
