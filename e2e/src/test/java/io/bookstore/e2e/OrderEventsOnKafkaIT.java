package io.bookstore.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.testkit.Cleanup;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KeycloakRealm;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.KeycloakTokens;
import io.bookstore.testkit.OtlpTraceSink;
import io.bookstore.testkit.PostgresDatabase;
import io.bookstore.testkit.QuarkusApp;
import io.bookstore.testkit.ReceivedSpan;
import io.bookstore.testkit.TestTokens;
import io.bookstore.testkit.TopicReader;
import io.bookstore.testkit.TraceTree;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * orders and outbox-publisher as they run in production, each from its packaged jar in
 * its own JVM, on a fresh database and the real broker: an order created over HTTP with
 * a caller's {@code traceparent} reaches {@code bookstore.orders.v1} with that trace.
 */
class OrderEventsOnKafkaIT {

    private static final String TENANT = "e2e-books";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static OtlpTraceSink traces;
    private static PostgresDatabase database;
    private static KafkaBroker kafka;
    private static QuarkusApp orders;
    private static QuarkusApp publisher;

    @BeforeAll
    static void startServices() {
        kafka = KafkaBroker.shared().withOrderTopics();
        database = PostgresDatabase.create("bookstore_orders");
        traces = OtlpTraceSink.start();
        Map<String, String> datasource = new HashMap<>(traces.serviceEnvironment());
        datasource.putAll(database.serviceEnvironment());
        datasource.putAll(KeycloakServer.shared().serviceEnvironment());
        // orders first: it owns the schema and migrates it at start-up.
        orders = QuarkusApp.start("orders", QuarkusApp.packagedJar("orders"), datasource);
        publisher = QuarkusApp.start("outbox-publisher", QuarkusApp.packagedJar("outbox-publisher"),
                with(datasource, kafka.serviceEnvironment()));
    }

    @AfterAll
    static void stopServices() {
        Cleanup.closeAll(publisher, orders, Cleanup.dropping(database), traces);
    }

    @Test
    void anOrderAndItsPaymentReachKafkaInOrderWithTheCallersTraces() throws Exception {
        String createTrace = randomHex(16);
        String callerSpan = randomHex(8);
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(orders.baseUrl() + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.shared().shopper(TENANT))
                .header(TraceHeaders.TRACEPARENT, "00-" + createTrace + "-" + callerSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"currency":"USD","payment_method":"pm_card_visa",
                         "lines":[{"isbn":"978-0-13-468599-1","qty":2,"unit_price_cents":4999}]}""")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID orderId = UUID.fromString(JSON.readTree(created.body()).path("order_id").asText());

        String payTrace = randomHex(16);
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(orders.baseUrl() + "/orders/" + orderId))
                .header("Content-Type", "application/json")
                // payments-gateway's own token, from Keycloak: only the settler may change a status.
                .header("Authorization", "Bearer " + KeycloakServer.shared().tokens()
                        .clientToken(KeycloakRealm.PAYMENTS_GATEWAY_CLIENT, KeycloakTokens.DEV_PAYMENTS_GATEWAY_SECRET))
                .header(TraceHeaders.TRACEPARENT, "00-" + payTrace + "-" + randomHex(8) + "-01")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"paid\",\"payment_id\":\"pi_e2e_1\"}")));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);

        List<ConsumerRecord<String, String>> events;
        try (TopicReader reader = TopicReader.fromBeginning(kafka.bootstrapServers(), Topics.ORDERS)) {
            reader.awaitRecords(2, Duration.ofSeconds(30));
            events = reader.readFor(Duration.ofSeconds(1)).stream()
                    .filter(record -> orderId.toString().equals(record.key()))
                    .toList();
        }

        assertThat(events).extracting(record -> header(record, CloudEventHeaders.TYPE))
                .as("one order's events in version order, on one partition")
                .containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID);
        assertThat(events).extracting(ConsumerRecord::partition).containsOnly(events.get(0).partition());
        assertThat(events).extracting(record -> header(record, CloudEventHeaders.ID)).doesNotHaveDuplicates();

        ConsumerRecord<String, String> createdEvent = events.get(0);
        assertThat(traceIdOf(createdEvent)).as("order.created continues the caller's trace").isEqualTo(createTrace);
        assertThat(traceIdOf(events.get(1))).as("order.paid continues the PATCH caller's trace").isEqualTo(payTrace);
        for (ConsumerRecord<String, String> event : events) {
            assertThat(TopicReader.headers(event, TraceHeaders.TRACEPARENT)).hasSize(1);
            for (String name : CloudEventHeaders.REQUIRED) {
                assertThat(TopicReader.headers(event, name)).as(name).hasSize(1);
            }
            assertThat(header(event, CloudEventHeaders.SUBJECT)).isEqualTo(orderId.toString());
            assertThat(header(event, CloudEventHeaders.TENANT)).isEqualTo(TENANT);
            assertThat(header(event, CloudEventHeaders.SOURCE)).isEqualTo(CloudEventHeaders.SOURCE_ORDERS);
        }

        OrderCreated createdPayload = JSON.readValue(createdEvent.value(), OrderCreated.class);
        assertThat(createdPayload.orderId()).isEqualTo(orderId);
        assertThat(createdPayload.tenant()).isEqualTo(TENANT);
        assertThat(createdPayload.version()).isEqualTo(1);
        assertThat(createdPayload.totalCents()).isEqualTo(9998);
        assertThat(createdPayload.lines()).containsExactly(new OrderLine("978-0-13-468599-1", 2, 4999));

        OrderPaid paidPayload = JSON.readValue(events.get(1).value(), OrderPaid.class);
        assertThat(paidPayload.version()).isEqualTo(2);
        assertThat(paidPayload.paymentId()).isEqualTo("pi_e2e_1");

        assertOneTraceAcrossOrdersAndThePublisher(createTrace, callerSpan, createdEvent);
    }

    /**
     * The exported spans of the create: orders' SERVER span is the child of the caller's
     * span, and the publisher's PRODUCER span, whose id the record's traceparent carries,
     * descends from it, though it ran in another process, later, from a database row.
     */
    private static void assertOneTraceAcrossOrdersAndThePublisher(String traceId, String callerSpan,
            ConsumerRecord<String, String> createdEvent) {
        List<ReceivedSpan> trace = traces.awaitTrace(traceId, spans -> spans.stream()
                .anyMatch(span -> span.kind() == ReceivedSpan.KIND_PRODUCER), Duration.ofSeconds(20));
        TraceTree tree = TraceTree.of(trace);
        assertThat(tree.services()).as(tree.render()).contains("orders", "outbox-publisher");

        ReceivedSpan server = trace.stream()
                .filter(span -> span.service().equals("orders") && span.kind() == ReceivedSpan.KIND_SERVER)
                .findFirst().orElseThrow(() -> new AssertionError("no orders SERVER span:\n" + tree.render()));
        assertThat(server.parentSpanId()).as("orders continues the caller's span").isEqualTo(callerSpan);
        assertThat(tree.orphans()).as("only the caller's own span is outside the trace:\n" + tree.render())
                .containsExactly(server);
        assertThat(tree.roots()).as("no service started a new root:\n" + tree.render()).isEmpty();

        ReceivedSpan producer = trace.stream()
                .filter(span -> span.service().equals("outbox-publisher") && span.kind() == ReceivedSpan.KIND_PRODUCER)
                .findFirst().orElseThrow();
        assertThat(header(createdEvent, TraceHeaders.TRACEPARENT).split("-")[2])
                .as("the record's traceparent names the produce span").isEqualTo(producer.spanId());
        ReceivedSpan ancestor = producer;
        while (ancestor != null && ancestor != server) {
            ancestor = tree.parentOf(ancestor);
        }
        assertThat(ancestor).as("the produce span descends from orders' request span:\n" + tree.render()).isSameAs(server);
        assertThat(producer.attributes()).containsEntry("messaging.destination.name", Topics.ORDERS)
                .containsEntry("messaging.message.id", header(createdEvent, CloudEventHeaders.ID));
    }

    @Test
    void theServicesReportReadyAndServeMetrics() throws Exception {
        for (QuarkusApp app : List.of(orders, publisher)) {
            HttpResponse<String> ready = send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/health/ready")));
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode checks = JSON.readTree(ready.body()).path("checks");
            assertThat(checks.findValuesAsText("status")).isNotEmpty().containsOnly("UP");
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/q/metrics")));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicReader.header(record, name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    /** The trace id of a W3C traceparent: {@code 00-<trace id>-<parent id>-<flags>}. */
    private static String traceIdOf(ConsumerRecord<?, ?> record) {
        return header(record, TraceHeaders.TRACEPARENT).split("-")[1];
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static Map<String, String> with(Map<String, String> env, Map<String, String> more) {
        Map<String, String> copy = new HashMap<>(env);
        copy.putAll(more);
        return copy;
    }
}
