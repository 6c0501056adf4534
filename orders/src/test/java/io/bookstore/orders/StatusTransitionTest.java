package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import io.bookstore.orders.OrdersDb.OutboxRow;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class StatusTransitionTest {

    private static final String INVALID_TRANSITION = "urn:bookstore:problem:invalid-transition";

    @TestHTTPResource("/orders")
    URI ordersUri;

    @Test
    void aPendingOrderBecomesPaidAndRecordsOrderPaid() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        String paymentId = Api.newPaymentId();

        ExtractableResponse<Response> paid = Api.patch(id, Api.outcome("paid", paymentId))
                .statusCode(200)
                .body("status", equalTo("paid"))
                .body("payment_id", equalTo(paymentId))
                .body("version", equalTo(2))
                .body("total_cents", equalTo(2 * 4999 + 3550))
                .extract();
        Instant paidAt = Instant.parse(paid.path("updated_at"));
        assertThat(paidAt).isAfter(Instant.parse(paid.path("created_at")));

        List<OutboxRow> rows = OrdersDb.outbox(id);
        assertThat(rows).extracting(OutboxRow::eventType).containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAID);
        assertThat(rows).extracting(OutboxRow::version).containsExactly(1L, 2L);
        OutboxRow row = rows.get(1);
        assertThat(row.tenant()).isEqualTo(tenant);
        assertThat(row.aggregateId()).isEqualTo(id);
        assertThat(row.occurredAt()).isEqualTo(paidAt);
        assertThat(Assertions.readStrictly(row.payload(), OrderPaid.class)).isEqualTo(new OrderPaid(id, tenant, 2, paymentId,
                "USD", 2 * 4999 + 3550,
                List.of(new OrderLine(Api.EFFECTIVE_JAVA, 2, 4999), new OrderLine(Api.HEAD_FIRST, 1, 3550)), paidAt));
        Api.get(tenant, id).statusCode(200).body("status", equalTo("paid")).body("version", equalTo(2));
    }

    @Test
    void aPendingOrderWhosePaymentFailedRecordsOrderPaymentFailed() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        String paymentId = Api.newPaymentId();

        Instant failedAt = Instant.parse(Api.patch(id, Api.outcome("payment_failed", paymentId))
                .statusCode(200)
                .body("status", equalTo("payment_failed"))
                .body("version", equalTo(2))
                .extract().path("updated_at"));

        List<OutboxRow> rows = OrdersDb.outbox(id);
        assertThat(rows).extracting(OutboxRow::eventType)
                .containsExactly(EventTypes.ORDER_CREATED, EventTypes.ORDER_PAYMENT_FAILED);
        assertThat(Assertions.readStrictly(rows.get(1).payload(), OrderPaymentFailed.class))
                .isEqualTo(new OrderPaymentFailed(id, tenant, 2, paymentId, failedAt));
    }

    @Test
    void aPaymentThatFailedBeforeItHadAnIdNeedsNoPaymentId() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);

        Api.patch(id, Api.outcome("payment_failed", null)).statusCode(200).body("status", equalTo("payment_failed"));

        JsonNode payload = OrdersDb.outbox(id).get(1).payload();
        assertThat(payload.path("payment_id").isNull()).isTrue();
        assertThat(payload.path("order_id").asText()).isEqualTo(id.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"paid", "payment_failed"})
    void repeatingAnOutcomeChangesNothing(String status) {
        String tenant = Api.newTenant();
        String paymentId = Api.newPaymentId();
        UUID id = Api.createdOrder(tenant);
        String first = Api.patch(id, Api.outcome(status, paymentId)).statusCode(200).extract().asString();

        String repeat = Api.patch(id, Api.outcome(status, paymentId))
                .statusCode(200)
                .body("version", equalTo(2))
                .extract().asString();

        assertThat(Assertions.tree(repeat)).isEqualTo(Assertions.tree(first));
        assertThat(OrdersDb.outbox(id)).hasSize(2);
    }

    /**
     * An order's outcome is final: a paid order can neither fail nor be paid by another payment,
     * a failed one cannot be paid. The payment of the change is the order's own ({@code same}),
     * none, or {@code another}.
     */
    @ParameterizedTest(name = "a {0} order refuses {1} with {2} payment")
    @CsvSource({
            "paid, payment_failed, same",
            "paid, payment_failed, no",
            "paid, paid, another",
            "payment_failed, paid, same"})
    void aFinalOutcomeCannotBeChanged(String outcome, String change, String payment) {
        String tenant = Api.newTenant();
        String paymentId = Api.newPaymentId();
        UUID id = orderWithOutcome(tenant, outcome, paymentId);
        String changePaymentId = switch (payment) {
            case "same" -> paymentId;
            case "another" -> Api.newPaymentId();
            default -> null;
        };

        Api.patch(id, Api.outcome(change, changePaymentId))
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(INVALID_TRANSITION))
                .body("status", equalTo(409));

        Api.get(tenant, id).body("status", equalTo(outcome)).body("payment_id", equalTo(paymentId)).body("version", equalTo(2));
        assertThat(OrdersDb.outbox(id)).hasSize(2);
    }

    @Test
    void badChangesAreValidationProblemsAndChangeNothing() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        OrdersDb.Counts before = OrdersDb.counts();

        assertBadPatch(id, Api.outcome("pending_payment", null), "status");
        assertBadPatch(id, Api.outcome("shipped", Api.newPaymentId()), "status");
        assertBadPatch(id, Api.outcome("PAID", Api.newPaymentId()), "status");
        assertBadPatch(id, Map.of("payment_id", Api.newPaymentId()), "status");
        assertBadPatch(id, Api.outcome("paid", null), "payment_id");
        assertBadPatch(id, Api.outcome("paid", "pi 123"), "payment_id");
        assertBadPatch(id, Api.outcome("paid", "x".repeat(256)), "payment_id");
        assertBadPatch(id, Map.of("status", "paid", "payment_id", 42), "payment_id");
        Api.asSettler().contentType(ContentType.JSON).body("{\"status\":").patch("/orders/" + id).then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:malformed-request"));
        Api.asSettler().contentType(ContentType.JSON).patch("/orders/" + id).then()
                .statusCode(400)
                .body("errors.field", hasItem("body"));
        Api.asSettler().contentType(ContentType.TEXT).body("paid").patch("/orders/" + id).then()
                .statusCode(415)
                .contentType(HttpHeaders.PROBLEM_JSON);

        assertThat(OrdersDb.counts()).isEqualTo(before);
        Api.get(tenant, id).body("status", equalTo("pending_payment")).body("version", equalTo(1));
    }

    @Test
    void anUnknownOrderIsNotFound() {
        Api.patch(UUID.randomUUID(), Api.outcome("paid", Api.newPaymentId()))
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"));
        Api.patch("42", Api.outcome("paid", Api.newPaymentId())).statusCode(404);
    }

    @Test
    void onlyTheSettlerCanChangeAnOrderNotEvenItsShopper() {
        String owner = Api.newTenant();
        UUID id = Api.createdOrder(owner);

        Api.as(owner).contentType(ContentType.JSON).body(Api.outcome("paid", Api.newPaymentId())).patch("/orders/" + id).then()
                .statusCode(403)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:forbidden"));
        RestAssured.given().contentType(ContentType.JSON).body(Api.outcome("paid", Api.newPaymentId())).patch("/orders/" + id).then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:bookstore:problem:unauthenticated"));

        Api.get(owner, id).body("status", equalTo("pending_payment")).body("version", equalTo(1));
        assertThat(OrdersDb.outbox(id)).hasSize(1);
    }

    @Test
    void concurrentRepeatsOfOnePaymentWriteOneEvent() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        String paymentId = Api.newPaymentId();

        List<HttpResponse<String>> responses = Concurrently.send(10, i -> patch(id, Api.outcome("paid", paymentId)));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(Assertions.tree(response.body()).path("version").asLong()).isEqualTo(2);
        });
        assertThat(OrdersDb.outbox(id)).extracting(OutboxRow::version).containsExactly(1L, 2L);
    }

    @Test
    void concurrentConflictingOutcomesLetExactlyOneWin() {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        String paymentId = Api.newPaymentId();

        List<HttpResponse<String>> responses = Concurrently.send(10,
                i -> patch(id, Api.outcome(i % 2 == 0 ? "paid" : "payment_failed", paymentId)));

        List<OutboxRow> rows = OrdersDb.outbox(id);
        assertThat(rows).hasSize(2);
        String winner = rows.get(1).eventType().equals(EventTypes.ORDER_PAID) ? "paid" : "payment_failed";
        assertThat(responses).allSatisfy(response -> {
            JsonNode body = Assertions.tree(response.body());
            if (response.statusCode() == 200) {
                assertThat(body.path("status").asText()).isEqualTo(winner);
            } else {
                assertThat(response.statusCode()).isEqualTo(409);
                assertThat(body.path("type").asText()).isEqualTo(INVALID_TRANSITION);
            }
        });
        assertThat(responses).filteredOn(response -> response.statusCode() == 200).hasSize(5);
        assertThat(responses).filteredOn(response -> response.statusCode() == 409).hasSize(5);
    }

    /** A new order of the tenant, already moved to {@code status} by the payment. */
    private static UUID orderWithOutcome(String tenant, String status, String paymentId) {
        UUID id = Api.createdOrder(tenant);
        Api.patch(id, Api.outcome(status, paymentId)).statusCode(200);
        return id;
    }

    private HttpRequest patch(UUID id, Map<String, Object> body) {
        return Concurrently.json("PATCH", ordersUri.resolve("/orders/" + id), TestTokens.shared().settler(), body).build();
    }

    private static void assertBadPatch(UUID id, Map<String, Object> body, String field) {
        Api.patch(id, body)
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", hasItem(field));
    }
}
