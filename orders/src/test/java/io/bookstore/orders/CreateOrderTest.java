package io.bookstore.orders;

import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.orders.OrdersDb.OutboxRow;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CreateOrderTest {

    @Test
    void createsAPendingOrderWithItsLinesAndTotal() {
        String tenant = Api.newTenant();
        OrdersDb.Counts before = OrdersDb.counts();

        ExtractableResponse<Response> response = Api.create(tenant, Api.validOrder())
                .statusCode(201)
                .contentType(containsString("application/json"))
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, nullValue())
                .body("status", equalTo("pending_payment"))
                .body("tenant", equalTo(tenant))
                .body("currency", equalTo("USD"))
                .body("total_cents", equalTo(2 * 4999 + 3550))
                .body("payment_method", equalTo("pm_card_visa"))
                .body("$", not(hasKey("payment_id")))
                .body("version", equalTo(1))
                .body("lines.size()", equalTo(2))
                .body("lines[0].isbn", equalTo(Api.EFFECTIVE_JAVA))
                .body("lines[0].qty", equalTo(2))
                .body("lines[0].unit_price_cents", equalTo(4999))
                .body("lines[1].isbn", equalTo(Api.HEAD_FIRST))
                .extract();

        String id = response.path("order_id");
        assertThat(response.header("Location")).endsWith("/orders/" + id);
        assertThat(Instant.parse(response.path("created_at"))).isEqualTo(Instant.parse(response.path("updated_at")));
        OrdersDb.Counts after = OrdersDb.counts();
        assertThat(after.orders()).isEqualTo(before.orders() + 1);
        assertThat(OrdersDb.lines(UUID.fromString(id))).isEqualTo(2);
    }

    @Test
    void writesTheOrderCreatedEventToTheOutboxInTheSameChange() {
        String tenant = Api.newTenant();
        ExtractableResponse<Response> response = Api.create(tenant, Api.validOrder()).statusCode(201).extract();
        UUID id = UUID.fromString(response.path("order_id"));
        Instant createdAt = Instant.parse(response.path("created_at"));

        List<OutboxRow> rows = OrdersDb.outbox(id);
        assertThat(rows).hasSize(1);
        OutboxRow row = rows.get(0);
        assertThat(row.eventType()).isEqualTo(EventTypes.ORDER_CREATED);
        assertThat(row.aggregateId()).isEqualTo(id);
        assertThat(row.version()).isEqualTo(1);
        assertThat(row.tenant()).isEqualTo(tenant);
        assertThat(row.eventId()).isNotEqualTo(id);
        assertThat(row.occurredAt()).isEqualTo(createdAt);
        assertThat(row.traceContext().path("traceparent").asText()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        // A strict reader: an unknown or renamed field in the payload fails here.
        OrderCreated payload = Assertions.readStrictly(row.payload(), OrderCreated.class);
        assertThat(payload).isEqualTo(new OrderCreated(id, tenant, 1, "USD", 2 * 4999 + 3550, "pm_card_visa",
                List.of(new OrderLine(Api.EFFECTIVE_JAVA, 2, 4999), new OrderLine(Api.HEAD_FIRST, 1, 3550)), createdAt));
    }

    @Test
    void aLineMayNameTheOrdersCurrency() {
        Map<String, Object> body = Api.validOrder();
        Api.firstLine(body).put("currency", "USD");
        Api.create(Api.newTenant(), body).statusCode(201).body("total_cents", equalTo(2 * 4999 + 3550));
    }

    @Test
    void eachRequestWithoutIdempotencyKeyIsANewOrder() {
        String tenant = Api.newTenant();
        UUID first = Api.createdOrder(tenant);
        UUID second = Api.createdOrder(tenant);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void getReturnsTheOrderAsCreated() {
        String tenant = Api.newTenant();
        ExtractableResponse<Response> created = Api.create(tenant, Api.validOrder()).statusCode(201).extract();
        String id = created.path("order_id");

        String fetched = Api.get(tenant, id)
                .statusCode(200)
                .body("order_id", equalTo(id))
                .body("status", equalTo("pending_payment"))
                .extract().asString();
        assertThat(Assertions.tree(fetched)).isEqualTo(Assertions.tree(created.asString()));
    }

    @Test
    void getOfAnUnknownOrMalformedIdIsANotFoundProblem() {
        String tenant = Api.newTenant();
        Api.get(tenant, UUID.randomUUID())
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"))
                .body("status", equalTo(404));
        Api.get(tenant, "not-a-uuid").statusCode(404).contentType(HttpHeaders.PROBLEM_JSON);
        Api.get(tenant, "1-2-3-4-5").statusCode(404).contentType(HttpHeaders.PROBLEM_JSON);
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        UUID id = Api.createdOrder(Api.newTenant());
        Api.get(Api.newTenant(), id)
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        Api.as(Api.newTenant()).get("/orders/" + UUID.randomUUID() + "/lines").then()
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", endsWith("not-found"));
    }

    @Test
    void anUnsupportedMethodIsAProblem() {
        Api.as(Api.newTenant()).delete("/orders/" + UUID.randomUUID()).then()
                .statusCode(405)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("status", equalTo(405))
                .body("title", equalTo("Method Not Allowed"));
    }
}
