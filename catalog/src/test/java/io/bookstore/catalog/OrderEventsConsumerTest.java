package io.bookstore.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.DeadLetterHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Spans;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.TraceHeaders;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import io.bookstore.testkit.DeadLetters;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.OrderEventRecords;
import io.bookstore.testkit.TestTokens;
import io.bookstore.testkit.TopicReader;
import io.bookstore.testkit.TopicWriter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.bookstore.catalog.ReservationResourceTest.body;
import static io.bookstore.catalog.ReservationResourceTest.item;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The order-events consumer against the real broker and database: records are written to
 * bookstore.orders.v1 as the outbox publisher writes them (or broken on purpose), and the
 * effect is read back from the database, the dead-letter topic, /q/metrics and the spans.
 */
@QuarkusTest
class OrderEventsConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    InMemorySpanExporter spans;

    /** One tenant per test, so that the per-tenant counters of one test are its own. */
    private String tenant;
    private TopicWriter topic;

    @BeforeEach
    void setUp() {
        tenant = "events-" + UUID.randomUUID().toString().substring(0, 8);
        topic = TopicWriter.to(KafkaResource.bootstrapServers());
    }

    @AfterEach
    void closeWriter() {
        topic.close();
    }

    @Test
    void orderPaidTurnsTheReservationIntoASaleForGood() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 3);

        send(orderId, headers(EventTypes.ORDER_PAID, UUID.randomUUID(), orderId), paid(orderId, isbn, 3));

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("sold")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
        assertThat(consumed(EventTypes.ORDER_PAID, "processed")).isEqualTo(1.0);

        // Once sold, the stock can no longer be given back by the storefront.
        given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .when().delete("/catalog/reservations/{order_id}", orderId)
                .then().statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:conflict"))
                .body("detail", containsString("sold"));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);

        // Another order.paid of the same order (a new event id) finds it sold already: no change, no dead letter.
        send(orderId, headers(EventTypes.ORDER_PAID, UUID.randomUUID(), orderId), paid(orderId, isbn, 3));
        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_PAID, "processed"), equalTo(2.0));
        assertThat(TestDatabase.reservationStatus(orderId)).contains("sold");
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
    }

    @Test
    void paymentFailedGivesTheStockBack() {
        String first = TestDatabase.newBook(10);
        String second = TestDatabase.newBook(5);
        UUID orderId = UUID.randomUUID();
        reserve(orderId, body(orderId, item(first, 4), item(second, 5)));
        assertThat(TestDatabase.stock(second)).isZero();

        send(orderId, headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId), paymentFailed(orderId));

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));
        assertThat(TestDatabase.stock(first)).isEqualTo(10);
        assertThat(TestDatabase.stock(second)).isEqualTo(5);
        assertThat(consumed(EventTypes.ORDER_PAYMENT_FAILED, "processed")).isEqualTo(1.0);
        assertThat(metric("bookstore_catalog_reservations_total{outcome=\"released\",tenant=\"" + tenant + "\"}")).isEqualTo(1.0);
    }

    @Test
    void theSameRecordDeliveredTwiceIsAppliedOnce() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 4);
        UUID eventId = UUID.randomUUID();
        Map<String, String> headers = headers(EventTypes.ORDER_PAYMENT_FAILED, eventId, orderId);
        String payload = paymentFailed(orderId);

        send(orderId, headers, payload);
        send(orderId, headers, payload);

        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_PAYMENT_FAILED, "duplicate"), equalTo(1.0));
        assertThat(consumed(EventTypes.ORDER_PAYMENT_FAILED, "processed")).isEqualTo(1.0);
        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);
        assertThat(TestDatabase.reservationStatus(orderId)).contains("released");
        assertThat(TestDatabase.processedEvents(eventId)).isEqualTo(1);
        assertThat(metric("bookstore_catalog_reservations_total{outcome=\"released\",tenant=\"" + tenant + "\"}")).isEqualTo(1.0);
    }

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordOfTheOrderIsStillApplied() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 2);
        double deadLettersBefore = deadLetters(EventTypes.ORDER_PAYMENT_FAILED);

        String notJson = "{\"order_id\": \"" + orderId + "\", ";
        send(orderId, headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId), notJson);
        Map<String, String> withoutId = headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId);
        withoutId.remove(CloudEventHeaders.ID);
        String goodPayload = paymentFailed(orderId);
        send(orderId, withoutId, goodPayload);
        Map<String, String> badTenant = headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId);
        badTenant.put(CloudEventHeaders.TENANT, "Not A Tenant");
        send(orderId, badTenant, goodPayload);
        // Same key, so same partition, written after the three poison records.
        send(orderId, headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId), goodPayload);

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);

        List<ConsumerRecord<String, String>> dead = deadLettersOf(orderId, 3);
        assertThat(dead).extracting(ConsumerRecord::key).containsOnly(orderId.toString());
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, goodPayload, goodPayload);
        assertThat(dead).extracting(record -> TopicReader.header(record, DeadLetterHeaders.REASON).orElseThrow())
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("not a valid order.payment_failed"),
                        reason -> assertThat(reason).contains("no ce_id"),
                        reason -> assertThat(reason).contains("ce_tenant"));
        assertThat(dead).allSatisfy(record -> {
            assertThat(TopicReader.header(record, DeadLetterHeaders.TOPIC)).contains(Topics.ORDERS);
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).contains(EventTypes.ORDER_PAYMENT_FAILED);
        });
        assertThat(deadLetters(EventTypes.ORDER_PAYMENT_FAILED)).isEqualTo(deadLettersBefore + 3);
        assertThat(consumed(EventTypes.ORDER_PAYMENT_FAILED, "processed")).isEqualTo(1.0);
    }

    @Test
    void anEventThatContradictsTheReservationIsDeadLetteredAndChangesNothing() {
        String isbn = TestDatabase.newBook(10);
        UUID released = reserved(isbn, 2);
        given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .when().delete("/catalog/reservations/{order_id}", released)
                .then().statusCode(204);
        UUID sold = reserved(isbn, 3);
        send(sold, headers(EventTypes.ORDER_PAID, UUID.randomUUID(), sold), paid(sold, isbn, 3));
        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(sold), equalTo(Optional.of("sold")));

        UUID paidAfterRelease = UUID.randomUUID();
        send(released, headers(EventTypes.ORDER_PAID, paidAfterRelease, released), paid(released, isbn, 2));
        UUID failedAfterSale = UUID.randomUUID();
        send(sold, headers(EventTypes.ORDER_PAYMENT_FAILED, failedAfterSale, sold), paymentFailed(sold));

        assertThat(TopicReader.header(deadLettersOf(released, 1).get(0), DeadLetterHeaders.REASON).orElseThrow())
                .contains(released.toString()).contains("is released and cannot become sold");
        assertThat(TopicReader.header(deadLettersOf(sold, 1).get(0), DeadLetterHeaders.REASON).orElseThrow())
                .contains(sold.toString()).contains("is sold and cannot become released");
        assertThat(TestDatabase.reservationStatus(released)).contains("released");
        assertThat(TestDatabase.reservationStatus(sold)).contains("sold");
        assertThat(TestDatabase.stock(isbn)).isEqualTo(7);
        // Rolled back with the conflict: a replay from the dead-letter topic would be judged afresh.
        assertThat(TestDatabase.processedEvents(paidAfterRelease)).isZero();
        assertThat(TestDatabase.processedEvents(failedAfterSale)).isZero();
    }

    @Test
    void anEventOfAnOrderWithoutReservationIsProcessedAndChangesNothing() {
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        send(orderId, headers(EventTypes.ORDER_PAID, eventId, orderId), paid(orderId, TestDatabase.EFFECTIVE_JAVA, 1));

        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_PAID, "processed"), equalTo(1.0));
        assertThat(TestDatabase.processedEvents(eventId)).isEqualTo(1);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
        assertThat(TestDatabase.stock(TestDatabase.EFFECTIVE_JAVA)).isEqualTo(500);
    }

    @Test
    void orderCreatedKeepsTheStockReservedForTheOrder() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 1);
        UUID eventId = UUID.randomUUID();

        send(orderId, headers(EventTypes.ORDER_CREATED, eventId, orderId), created(orderId, isbn, 1));

        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_CREATED, "processed"), equalTo(1.0));
        assertThat(TestDatabase.ordered(orderId)).as("out of the reaper's reach").isTrue();
        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
        assertThat(TestDatabase.stock(isbn)).isEqualTo(9);
        assertThat(TestDatabase.processedEvents(eventId)).isEqualTo(1);
    }

    /**
     * The consumer's connection is killed twice while it waits for a table lock (57P01, then
     * a closed connection), as a database restart would: the record is tried again on a new
     * connection until it commits, and never dead-lettered.
     */
    @Test
    void aDatabaseFailureIsRetriedUntilItPassesAndNeverDeadLettered() throws SQLException {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 6);
        double deadLettersBefore = deadLetters(EventTypes.ORDER_PAYMENT_FAILED);

        try (Connection lock = TestDatabase.connect(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE processed_events IN ACCESS EXCLUSIVE MODE");
            send(orderId, headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId), paymentFailed(orderId));
            for (int kill = 0; kill < 2; kill++) {
                await().atMost(PATIENCE).until(() -> terminateWaitersFor("processed_events") > 0);
            }
            assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
            lock.commit();
        }

        await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(orderId), equalTo(Optional.of("released")));
        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);
        assertThat(deadLetters(EventTypes.ORDER_PAYMENT_FAILED)).isEqualTo(deadLettersBefore);
        assertThat(consumed(EventTypes.ORDER_PAYMENT_FAILED, "processed")).isEqualTo(1.0);
    }

    /**
     * A trigger refuses the release of one order (RAISE EXCEPTION, SQLSTATE P0001), as a
     * database rule would refuse a change for good: that record goes to the dead-letter topic
     * with the database's reason, and the next record of its partition is applied.
     */
    @Test
    void aChangeTheDatabaseRefusesIsDeadLetteredAndTheNextRecordOfThePartitionIsApplied() throws SQLException {
        String isbn = TestDatabase.newBook(10);
        UUID refused = reserved(isbn, 6);
        UUID next = reserved(isbn, 2);
        UUID refusedEvent = UUID.randomUUID();
        String trigger = "refuse_" + refused.toString().replace("-", "");
        double deadLettersBefore = deadLetters(EventTypes.ORDER_PAYMENT_FAILED);

        try (Connection conn = TestDatabase.connect(); Statement ddl = conn.createStatement()) {
            ddl.execute("CREATE FUNCTION " + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN RAISE EXCEPTION 'reservation % is frozen', OLD.order_id; END $$");
            ddl.execute("CREATE TRIGGER " + trigger + " BEFORE UPDATE OR DELETE ON reservations FOR EACH ROW"
                    + " WHEN (OLD.order_id = '" + refused + "') EXECUTE FUNCTION " + trigger + "()");
            try {
                send(refused, headers(EventTypes.ORDER_PAYMENT_FAILED, refusedEvent, refused), paymentFailed(refused));
                // Same key, so same partition, after the refused record.
                send(refused, headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), next), paymentFailed(next));

                await().atMost(PATIENCE).until(() -> TestDatabase.reservationStatus(next), equalTo(Optional.of("released")));
                assertThat(TopicReader.header(deadLettersOf(refused, 1).get(0), DeadLetterHeaders.REASON)).hasValueSatisfying(reason ->
                        assertThat(reason).contains("SQLSTATE P0001").contains("reservation " + refused + " is frozen"));
            } finally {
                ddl.execute("DROP TRIGGER " + trigger + " ON reservations");
                ddl.execute("DROP FUNCTION " + trigger + "()");
            }
        }
        assertThat(TestDatabase.reservationStatus(refused)).contains("reserved");
        assertThat(TestDatabase.stock(isbn)).isEqualTo(4);
        // Rolled back with the refused change: a replay from the dead-letter topic would be judged afresh.
        assertThat(TestDatabase.processedEvents(refusedEvent)).isZero();
        assertThat(deadLetters(EventTypes.ORDER_PAYMENT_FAILED)).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void theConsumeSpanContinuesTheRecordsTraceDownToTheDatabase() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 1);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpanId = "00f067aa0ba902b7";
        Map<String, String> headers = headers(EventTypes.ORDER_PAYMENT_FAILED, UUID.randomUUID(), orderId);
        headers.put(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpanId + "-01");

        send(orderId, headers, paymentFailed(orderId));

        await().atMost(PATIENCE).untilAsserted(() -> {
            List<SpanData> trace = trace(traceId);
            List<SpanData> consumers = trace.stream().filter(span -> span.getKind() == SpanKind.CONSUMER).toList();
            assertThat(consumers).hasSize(1);
            SpanData consume = consumers.get(0);
            assertThat(consume.getParentSpanId()).isEqualTo(parentSpanId);
            assertThat(consume.getName()).isEqualTo(Spans.ORDER_EVENT_RECEIVE);
            Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
            List<SpanData> database = trace.stream().filter(span -> span.getKind() == SpanKind.CLIENT).toList();
            assertThat(database).anySatisfy(span -> assertThat(span.getName()).containsIgnoringCase("INSERT"));
            assertThat(database).anySatisfy(span -> assertThat(span.getName()).containsIgnoringCase("UPDATE"));
            assertThat(database).allSatisfy(span -> assertThat(ancestors(span, byId)).contains(consume.getSpanId()));
        });
        assertThat(TestDatabase.reservationStatus(orderId)).contains("released");
    }

    /** A new order holding {@code qty} copies of the book, reserved under the test's tenant. */
    private UUID reserved(String isbn, int qty) {
        UUID orderId = UUID.randomUUID();
        reserve(orderId, body(orderId, item(isbn, qty)));
        return orderId;
    }

    private void reserve(UUID orderId, String body) {
        given().auth().oauth2(TestTokens.shared().shopper(tenant)).contentType(ContentType.JSON).body(body)
                .when().post("/catalog/reservations")
                .then().statusCode(201);
        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
    }

    /** The CloudEvents headers the outbox publisher writes, in a map the test may still change. */
    private Map<String, String> headers(String type, UUID eventId, UUID orderId) {
        return OrderEventRecords.headers(type, eventId, orderId, tenant);
    }

    private void send(UUID orderId, Map<String, String> headers, String payload) {
        topic.send(Topics.ORDERS, orderId.toString(), payload, headers);
    }

    private String created(UUID orderId, String isbn, int qty) {
        return write(new OrderCreated(orderId, tenant, 1, "USD", 2500L * qty, "pm_card_visa",
                List.of(new OrderLine(isbn, qty, 2500)), Instant.now()));
    }

    private String paid(UUID orderId, String isbn, int qty) {
        return write(new OrderPaid(orderId, tenant, 2, "pi_" + orderId.toString().substring(0, 8), "USD", 2500L * qty,
                List.of(new OrderLine(isbn, qty, 2500)), Instant.now()));
    }

    private String paymentFailed(UUID orderId) {
        return write(new OrderPaymentFailed(orderId, tenant, 2, "pi_" + orderId.toString().substring(0, 8), Instant.now()));
    }

    private String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The records of one order on the dead-letter topic, once at least {@code atLeast} arrived. */
    private static List<ConsumerRecord<String, String>> deadLettersOf(UUID orderId, int atLeast) {
        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            return deadLetters.await(orderId.toString(), atLeast, PATIENCE);
        }
    }

    private double consumed(String eventType, String outcome) {
        return metric("bookstore_consumer_events_total{event_type=\"" + eventType + "\",outcome=\"" + outcome
                + "\",tenant=\"" + tenant + "\"}");
    }

    private static double deadLetters(String eventType) {
        return metric("bookstore_consumer_dead_letters_total{event_type=\"" + eventType + "\"}");
    }

    /** A sample of /q/metrics, 0 when the series does not exist yet. An exemplar may follow the value. */
    private static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
                .findFirst()
                .orElse(0.0);
    }

    private List<SpanData> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** Ends the connections waiting for a lock on the table, as a database restart would; returns how many. */
    private static long terminateWaitersFor(String table) throws SQLException {
        try (Connection conn = TestDatabase.connect();
             PreparedStatement query = conn.prepareStatement(
                     "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE NOT granted AND relation = ?::regclass")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> ancestors = new ArrayList<>();
        SpanData parent = byId.get(span.getParentSpanId());
        while (parent != null) {
            ancestors.add(parent.getSpanId());
            parent = byId.get(parent.getParentSpanId());
        }
        return ancestors;
    }
}
