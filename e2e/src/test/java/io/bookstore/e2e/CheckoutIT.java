package io.bookstore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.DeadLetterHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.testkit.Cleanup;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KeycloakRealm;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.OtlpTraceSink;
import io.bookstore.testkit.PostgresDatabase;
import io.bookstore.testkit.QuarkusApp;
import io.bookstore.testkit.ReceivedSpan;
import io.bookstore.testkit.TestTokens;
import io.bookstore.testkit.TopicReader;
import io.bookstore.testkit.TraceTree;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole checkout as it runs in production: the psp-simulator and the six services, each
 * from its packaged jar in its own JVM, on fresh databases, the real Kafka broker and an OTLP
 * sink, driven over the storefront's REST API. Every case works in a tenant and on books of
 * its own, so the cases share the stack but not the state they assert on.
 */
class CheckoutIT {

    /** alice's tenant: the happy path signs in through Keycloak's token endpoint, as a shopper's client does. */
    private static final String HAPPY = "acme";
    /** bob's tenant, also a real user of the realm. */
    private static final String ANOTHER_SHOPPER = "globex";
    private static final String DECLINED = "e2e-declined";
    private static final String DUPLICATES = "e2e-duplicates";
    private static final String DROPPED = "e2e-dropped";
    private static final String POISON = "e2e-poison";

    private static final String EFFECTIVE_JAVA = "978-0-13-468599-1";
    private static final String CLEAN_CODE = "978-0-13-235088-4";
    private static final String DDIA = "978-1-4493-7332-0";
    private static final String CLRS = "978-0-262-03384-8";
    private static final String MYTHICAL_MAN_MONTH = "978-0-201-83595-3";
    private static final String K_AND_R = "978-0-13-110362-7";
    private static final String SICP = "978-0-262-51087-5";

    private static final List<String> SERVICES = List.of(
            "storefront", "catalog", "orders", "outbox-publisher", "payments-gateway", "recommendations");
    private static final ObjectMapper JSON = new ObjectMapper();
    /*
     * HTTP/1.1 as a load balancer speaks to a backend. The JDK client would otherwise upgrade
     * to h2c, and Quarkus writes the access-log line of an upgraded request without the MDC of
     * its span (no traceId), which is not what a deployment shows.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Every service of the checkout; the psp-simulator stands for an outside company. */
    private static final List<String> LOGGING_SERVICES = List.of(
            "storefront", "catalog", "orders", "outbox-publisher", "payments-gateway", "recommendations");

    private static OtlpTraceSink traces;
    private static KafkaBroker kafka;
    private static PspKnobProxy pspProxy;
    private static final List<PostgresDatabase> DATABASES = new ArrayList<>();
    private static final List<QuarkusApp> APPS = new ArrayList<>();
    private static PostgresDatabase catalogDb;
    private static PostgresDatabase paymentsDb;
    private static QuarkusApp catalog;
    private static QuarkusApp payments;
    private static QuarkusApp storefront;

    @BeforeAll
    static void startTheStack() {
        kafka = KafkaBroker.shared().withOrderTopics();
        traces = OtlpTraceSink.start();
        catalogDb = database("bookstore_catalog");
        PostgresDatabase ordersDb = database("bookstore_orders");
        paymentsDb = database("bookstore_payments");
        PostgresDatabase recommendationsDb = database("bookstore_recommendations");

        // The PSP's per-intent fault knobs, by tenant: the gateway sends the PSP only what an
        // order says, so a proxy on the way adds them (see PspKnobProxy).
        pspProxy = PspKnobProxy.start(Map.of(
                DUPLICATES, Map.of("psp_webhook_duplicates", "2", "psp_webhook_out_of_order_rate", "1"),
                DROPPED, Map.of("psp_webhook_drop_rate", "1")));

        catalog = start("catalog", service(catalogDb));
        QuarkusApp orders = start("orders", service(ordersDb));
        start("outbox-publisher", service(ordersDb));
        QuarkusApp recommendations = start("recommendations", service(recommendationsDb));
        Map<String, String> gateway = service(paymentsDb);
        gateway.put("BOOKSTORE_PSP_BASE_URL", pspProxy.baseUrl());
        gateway.put("BOOKSTORE_ORDERS_BASE_URL", orders.baseUrl());
        // Seconds, not minutes, before an intent whose webhook never came is polled.
        gateway.put("BOOKSTORE_PAYMENTS_SETTLE_AFTER", "2s");
        gateway.put("BOOKSTORE_PAYMENTS_POLL_INTERVAL", "300ms");
        gateway.put("BOOKSTORE_PAYMENTS_RETRY_INITIAL", "300ms");
        gateway.put("BOOKSTORE_PAYMENTS_RETRY_MAX", "2s");
        payments = start("payments-gateway", gateway);
        // The simulator comes after the gateway: its webhooks go to the gateway's port.
        QuarkusApp psp = start("psp-simulator", Map.of(
                "BOOKSTORE_PSP_WEBHOOK_URL", payments.baseUrl() + "/webhooks/psp",
                "BOOKSTORE_PSP_WEBHOOK_INITIAL_BACKOFF", "200ms",
                "BOOKSTORE_PSP_WEBHOOK_MAX_BACKOFF", "1s"));
        pspProxy.forwardTo(psp.baseUrl());
        Map<String, String> edge = new HashMap<>(telemetry());
        edge.putAll(KeycloakServer.shared().serviceEnvironment());
        edge.put("QUARKUS_REST_CLIENT_CATALOG_URL", catalog.baseUrl());
        edge.put("QUARKUS_REST_CLIENT_ORDERS_URL", orders.baseUrl());
        edge.put("QUARKUS_REST_CLIENT_RECOMMENDATIONS_URL", recommendations.baseUrl());
        storefront = start("storefront", edge);
    }

    @AfterAll
    static void stopTheStack() {
        // In reverse start order: the callers before the services they call.
        Cleanup.closeAll(APPS.reversed().toArray(AutoCloseable[]::new));
        Cleanup.closeAll(pspProxy);
        DATABASES.forEach(PostgresDatabase::drop);
        Cleanup.closeAll(traces);
    }

    @Test
    void aPaidCheckoutTakesStockOnceChargesOnceAndIsRecommendedInOneTrace() throws Exception {
        int effectiveJavaStock = stock(EFFECTIVE_JAVA);
        int cleanCodeStock = stock(CLEAN_CODE);
        String traceId = randomHex(16);
        String clientSpan = randomHex(8);

        long started = System.nanoTime();
        JsonNode checkout = checkout(HAPPY, "pm_card_visa", "00-" + traceId + "-" + clientSpan + "-01",
                Map.of(EFFECTIVE_JAVA, 1, CLEAN_CODE, 2));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        UUID orderId = UUID.fromString(checkout.path("order_id").asText());
        assertThat(checkout.path("status").asText()).as(checkout.toString()).isEqualTo("paid");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(checkout.path("trace_id").asText()).as("the checkout continues the client's trace").isEqualTo(traceId);

        JsonNode payment = payment(HAPPY, orderId);
        assertThat(payment.path("status").asText()).isEqualTo("succeeded");
        assertThat(payment.path("amount_cents").asLong()).isEqualTo(4999 + 2 * 3999);
        assertThat(paymentsOf(HAPPY)).as("exactly one payment").isEqualTo(1);
        assertThat(get(storefront.baseUrl() + "/api/v2/orders/" + orderId, ANOTHER_SHOPPER).statusCode())
                .as("bob's token does not show alice's order").isEqualTo(404);
        assertThat(get(payments.baseUrl() + "/payments/" + orderId, ANOTHER_SHOPPER).statusCode()).isEqualTo(404);
        assertThat(metric(payments, "bookstore_payments_total", Map.of("tenant", HAPPY, "outcome", "succeeded")))
                .isEqualTo(1.0);

        assertThat(orderEventTypes(orderId, 2)).containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID);
        await("the reservation sold", () -> "sold".equals(reservationStatus(orderId)));
        assertThat(stock(EFFECTIVE_JAVA)).as("stock down by the quantity, once").isEqualTo(effectiveJavaStock - 1);
        assertThat(stock(CLEAN_CODE)).isEqualTo(cleanCodeStock - 2);

        await("Clean Code recommended next to Effective Java", () -> recommended(HAPPY, EFFECTIVE_JAVA)
                .contains(digits(CLEAN_CODE) + ":bought_together"));

        assertOneTreeAcrossAllServices(traceId, clientSpan);
        assertEveryServiceLogsTheCheckoutUnderItsTrace(traceId, orderId);
    }

    @Test
    void aDeclinedCardFailsThePaymentAndPutsTheStockBack() throws Exception {
        int before = stock(DDIA);
        UUID orderId = checkedOut(DECLINED, "pm_card_chargeDeclined", Map.of(DDIA, 3), "payment_failed");

        JsonNode payment = payment(DECLINED, orderId);
        assertThat(payment.path("status").asText()).isEqualTo("failed");
        assertThat(payment.path("decline_code").asText()).isEqualTo("generic_decline");
        assertThat(orderEventTypes(orderId, 2)).containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAYMENT_FAILED);
        await("the reservation released", () -> "released".equals(reservationStatus(orderId)));
        assertThat(stock(DDIA)).as("the stock is back").isEqualTo(before);
        assertThat(recommended(DECLINED, DDIA)).as("no sale recorded: nothing to recommend").isEmpty();
        assertThat(metric(payments, "bookstore_payments_total", Map.of("tenant", DECLINED, "outcome", "succeeded")))
                .isZero();
    }

    @Test
    void duplicateAndOutOfOrderWebhooksChangeNothingTwice() throws Exception {
        int before = stock(CLRS);
        UUID orderId = checkedOut(DUPLICATES, "pm_card_visa", Map.of(CLRS, 1), "paid");

        // Three deliveries of payment_intent.succeeded, then payment_intent.created after them.
        await("the duplicate webhooks arrived", () -> metric(payments, "bookstore_webhook_events_total",
                Map.of("tenant", DUPLICATES, "outcome", "duplicate")) >= 2);
        await("the late payment_intent.created arrived", () -> metric(payments, "bookstore_webhook_events_total",
                Map.of("tenant", DUPLICATES, "event_type", "payment_intent.created")) >= 1);

        assertThat(paymentsOf(DUPLICATES)).as("one payment").isEqualTo(1);
        assertThat(payment(DUPLICATES, orderId).path("status").asText()).isEqualTo("succeeded");
        assertThat(metric(payments, "bookstore_payments_total", Map.of("tenant", DUPLICATES, "outcome", "succeeded")))
                .isEqualTo(1.0);
        assertThat(orderEventTypes(orderId, 2)).as("one state change")
                .containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID);
        await("the reservation sold", () -> "sold".equals(reservationStatus(orderId)));
        assertThat(stock(CLRS)).isEqualTo(before - 1);
    }

    @Test
    void aDroppedWebhookIsSettledByPolling() throws Exception {
        UUID orderId = checkedOut(DROPPED, "pm_card_visa", Map.of(MYTHICAL_MAN_MONTH, 1), "paid");
        assertThat(payment(DROPPED, orderId).path("status").asText()).isEqualTo("succeeded");
        assertThat(metric(payments, "bookstore_webhook_events_total", Map.of("tenant", DROPPED)))
                .as("no webhook came: polling settled it").isZero();
        assertThat(orderEventTypes(orderId, 2)).containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndLaterOrdersGoThrough() throws Exception {
        // One per partition, so whichever partition the next order lands on sits behind one.
        List<String> poisonKeys = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                String key = UUID.randomUUID().toString();
                ProducerRecord<String, String> poison = new ProducerRecord<>(Topics.ORDERS, partition, key, "{not json");
                Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE,
                        CloudEventHeaders.ID, UUID.randomUUID().toString(),
                        CloudEventHeaders.TYPE, EventTypes.ORDER_PAID,
                        CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_ORDERS,
                        CloudEventHeaders.SUBJECT, key,
                        CloudEventHeaders.TIME, OffsetDateTime.now().toString(),
                        CloudEventHeaders.TENANT, POISON,
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                        .forEach((name, value) -> poison.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(poison).get(30, TimeUnit.SECONDS);
                poisonKeys.add(key);
            }
        }

        try (TopicReader dlq = TopicReader.fromBeginning(kafka.bootstrapServers(), Topics.ORDERS_DLQ)) {
            // catalog and recommendations both consume order.paid: each dead-letters each record.
            List<ConsumerRecord<String, String>> dead = dlq.awaitRecords(
                    record -> poisonKeys.contains(record.key()), 6, Duration.ofSeconds(30));
            assertThat(dead).extracting(ConsumerRecord::key).containsOnlyElementsOf(poisonKeys);
            assertThat(dead).allSatisfy(record -> assertThat(TopicReader.header(record, DeadLetterHeaders.REASON))
                    .isPresent());
            assertThat(dead).extracting(ConsumerRecord::value).containsOnly("{not json");
        }

        int before = stock(K_AND_R);
        UUID orderId = checkedOut(POISON, "pm_card_visa", Map.of(K_AND_R, 1, SICP, 1), "paid");
        await("the later order's reservation sold", () -> "sold".equals(reservationStatus(orderId)));
        assertThat(stock(K_AND_R)).isEqualTo(before - 1);
        await("the later order recommended", () -> recommended(POISON, K_AND_R)
                .contains(digits(SICP) + ":bought_together"));
    }

    /**
     * The client's own span is not exported, so the trace has no root and exactly one span
     * whose parent is missing: storefront's SERVER span, child of the client's span.
     */
    private static void assertOneTreeAcrossAllServices(String traceId, String clientSpan) throws InterruptedException {
        List<ReceivedSpan> trace = traces.awaitTrace(traceId, spans -> TraceTree.of(spans).services()
                .containsAll(SERVICES) && has(spans, "catalog", ReceivedSpan.KIND_CONSUMER, null)
                && has(spans, "recommendations", ReceivedSpan.KIND_CONSUMER, null)
                && has(spans, "payments-gateway", ReceivedSpan.KIND_SERVER, "/webhooks/psp"), Duration.ofSeconds(30));
        // Spans of the last hops may still be in flight in a batch: give them a moment.
        Thread.sleep(1500);
        trace = traces.trace(traceId);
        TraceTree tree = TraceTree.of(trace);
        String rendered = "\n" + tree.render();

        assertThat(tree.roots()).as("no service started a new root" + rendered).isEmpty();
        assertThat(tree.orphans()).as("only the client's span is outside the trace" + rendered).hasSize(1);
        ReceivedSpan edge = tree.orphans().get(0);
        assertThat(edge.service()).as(rendered).isEqualTo("storefront");
        assertThat(edge.kind()).isEqualTo(ReceivedSpan.KIND_SERVER);
        assertThat(edge.parentSpanId()).isEqualTo(clientSpan);
        assertThat(tree.services()).as(rendered).containsAll(SERVICES);
        assertThat(has(trace, "outbox-publisher", ReceivedSpan.KIND_PRODUCER, null)).as("produce" + rendered).isTrue();
        for (String consumer : List.of("payments-gateway", "catalog", "recommendations")) {
            assertThat(has(trace, consumer, ReceivedSpan.KIND_CONSUMER, null)).as(consumer + " consume" + rendered).isTrue();
        }
        assertThat(trace).as("the PSP call" + rendered).anyMatch(span -> span.service().equals("payments-gateway")
                && span.kind() == ReceivedSpan.KIND_CLIENT && span.attributes().values().stream()
                .anyMatch(value -> value.contains("/v1/payment_intents")));
        assertThat(has(trace, "payments-gateway", ReceivedSpan.KIND_SERVER, "/webhooks/psp")).as("the webhook" + rendered)
                .isTrue();
    }

    /**
     * Every service that logs something about the checkout (its access log at least) writes
     * JSON lines carrying the checkout's trace id in their MDC, and every line of its own (not
     * the access log, which also shows the test's later reads) naming the order carries it.
     */
    private static void assertEveryServiceLogsTheCheckoutUnderItsTrace(String traceId, UUID orderId) throws IOException {
        for (String service : LOGGING_SERVICES) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("target", service + ".log"))) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readTree(line));
                }
            }
            assertThat(lines).as(service + " logs lines of the checkout's trace")
                    .anyMatch(line -> traceId.equals(line.path("mdc").path("traceId").asText()));
            assertThat(lines.stream().filter(line -> !line.path("loggerName").asText().equals("io.quarkus.http.access-log")
                    && line.path("message").asText().contains(orderId.toString())))
                    .as(service + "'s lines about the order")
                    .allMatch(line -> traceId.equals(line.path("mdc").path("traceId").asText()));
        }
    }

    private static boolean has(List<ReceivedSpan> spans, String service, int kind, String nameContains) {
        return spans.stream().anyMatch(span -> span.service().equals(service) && span.kind() == kind
                && (nameContains == null || span.name().contains(nameContains)));
    }

    /** A checkout without a caller's trace that must end in {@code status}; returns the order's id. */
    private static UUID checkedOut(String tenant, String paymentMethod, Map<String, Integer> books, String status)
            throws Exception {
        JsonNode checkout = checkout(tenant, paymentMethod, null, books);
        assertThat(checkout.path("status").asText()).as(checkout.toString()).isEqualTo(status);
        return UUID.fromString(checkout.path("order_id").asText());
    }

    private static JsonNode checkout(String tenant, String paymentMethod, String traceparent, Map<String, Integer> items)
            throws Exception {
        StringBuilder body = new StringBuilder("{\"items\":[");
        items.forEach((isbn, qty) -> body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                .append("{\"isbn\":\"").append(isbn).append("\",\"qty\":").append(qty).append('}'));
        body.append("],\"payment_method\":\"").append(paymentMethod).append("\"}");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(storefront.baseUrl() + "/api/v2/checkout"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(tenant))
                .header("Prefer", "wait=10")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (traceparent != null) {
            request.header(TraceHeaders.TRACEPARENT, traceparent);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode payment(String tenant, UUID orderId) throws Exception {
        HttpResponse<String> response = get(payments.baseUrl() + "/payments/" + orderId, tenant);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int stock(String isbn) throws Exception {
        HttpResponse<String> response = get(catalog.baseUrl() + "/catalog/items/" + isbn, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("stock").asInt();
    }

    /** The recommendations the storefront shows next to {@code isbn}, as {@code isbn:reason}. */
    private static List<String> recommended(String tenant, String isbn) throws Exception {
        HttpResponse<String> response = get(storefront.baseUrl() + "/api/v2/recommendations?isbn="
                + URLEncoder.encode(isbn, StandardCharsets.UTF_8), tenant);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> recommended = new ArrayList<>();
        JSON.readTree(response.body()).path("recommendations").forEach(book ->
                recommended.add(digits(book.path("isbn").asText()) + ":" + book.path("reason").asText()));
        return recommended;
    }

    /** The types of the order's events on Kafka, in offset order, once at least {@code atLeast} arrived. */
    private static List<String> orderEventTypes(UUID orderId, int atLeast) {
        try (TopicReader reader = TopicReader.fromBeginning(kafka.bootstrapServers(), Topics.ORDERS)) {
            reader.awaitRecords(record -> orderId.toString().equals(record.key()), atLeast, Duration.ofSeconds(20));
            // A while longer, so that an extra event (a second state change) would be seen too.
            List<ConsumerRecord<String, String>> events = new ArrayList<>(reader.readFor(Duration.ofSeconds(1)).stream()
                    .filter(record -> orderId.toString().equals(record.key())).toList());
            events.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            assertThat(events).extracting(ConsumerRecord::partition).containsOnly(events.get(0).partition());
            assertThat(events).allSatisfy(record -> assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT))
                    .contains(orderId.toString()));
            return events.stream().map(record -> TopicReader.header(record, CloudEventHeaders.TYPE).orElse("?")).toList();
        }
    }

    private static int paymentsOf(String tenant) throws Exception {
        return count(paymentsDb, "SELECT count(*) FROM payments WHERE tenant = ?", tenant);
    }

    private static String reservationStatus(UUID orderId) throws Exception {
        try (Connection connection = catalogDb.connect();
                PreparedStatement query = connection.prepareStatement("SELECT status FROM reservations WHERE order_id = ?")) {
            query.setObject(1, orderId);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private static int count(PostgresDatabase database, String sql, String parameter) throws Exception {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** The sum of the Prometheus samples of {@code name} whose labels include {@code labels}. */
    private static double metric(QuarkusApp app, String name, Map<String, String> labels) throws Exception {
        HttpResponse<String> response = get(app.baseUrl() + "/q/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + "{") && labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                String sample = line.substring(line.indexOf('}') + 1).trim().split(" ")[0];
                sum += Double.parseDouble(sample);
            }
        }
        return sum;
    }

    private static HttpResponse<String> get(String url, String tenant) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (tenant != null) {
            request.header("Authorization", bearer(tenant));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A shopper's token of {@code tenant}: for the realm's own users (alice, bob) the real one
     * from Keycloak's token endpoint; for the fault cases' made-up tenants, one the tests mint
     * with a key the realm publishes, so that their orders, payments and metrics stay apart.
     */
    private static String bearer(String tenant) {
        KeycloakServer keycloak = KeycloakServer.shared();
        return "Bearer " + (KeycloakRealm.load().tenants().contains(tenant)
                ? keycloak.tokens().accessTokenOfTenant(tenant)
                : TestTokens.shared().shopper(tenant));
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    private static PostgresDatabase database(String prefix) {
        PostgresDatabase database = PostgresDatabase.create(prefix);
        DATABASES.add(database);
        return database;
    }

    private static Map<String, String> telemetry() {
        Map<String, String> env = new HashMap<>(traces.serviceEnvironment());
        // Services log nothing of their own for a successful request: the access log gives
        // each one a line per request, carrying the MDC of the request's span.
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        return env;
    }

    private static Map<String, String> service(PostgresDatabase database) {
        Map<String, String> env = telemetry();
        env.putAll(KeycloakServer.shared().serviceEnvironment());
        env.putAll(database.serviceEnvironment());
        env.putAll(kafka.serviceEnvironment());
        return env;
    }

    private static QuarkusApp start(String module, Map<String, String> env) {
        QuarkusApp app = QuarkusApp.start(module, QuarkusApp.packagedJar(module), env);
        APPS.add(app);
        return app;
    }

    private static String digits(String isbn) {
        return isbn.replace("-", "");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
