package io.bookstore.orders;

import io.bookstore.contracts.TraceHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;

/**
 * An order keeps the trace id of the checkout that created it, so that the shopper's order page
 * can show that trace: the trace the caller's traceparent names, since one checkout is one trace.
 */
@QuarkusTest
class OrderTraceIdTest {

    @Test
    void anOrderKeepsTheTraceOfTheRequestThatCreatedIt() {
        String tenant = Api.newTenant();
        String traceId = randomHex(16);

        String id = createUnder(tenant, traceId)
                .statusCode(201)
                .body("trace_id", equalTo(traceId))
                .extract().path("order_id");

        Api.get(tenant, id).statusCode(200).body("trace_id", equalTo(traceId));
        assertThat(OrdersDb.traceId(UUID.fromString(id))).isEqualTo(traceId);
        Api.list(tenant).statusCode(200).body("[0].trace_id", equalTo(traceId));
    }

    @Test
    void anOrderCreatedWithoutTraceContextKeepsTheTraceItsRequestStarted() {
        UUID id = Api.createdOrder(Api.newTenant());

        // The trace the outbox row continues: the order's events and its page name one trace.
        String traceparent = OrdersDb.outbox(id).get(0).traceContext().path(TraceHeaders.TRACEPARENT).asText();
        assertThat(OrdersDb.traceId(id)).matches("[0-9a-f]{32}").isEqualTo(traceparent.substring(3, 35));
    }

    @Test
    void theTraceIdStaysWhenThePaymentSettlesTheOrder() {
        String tenant = Api.newTenant();
        String traceId = randomHex(16);
        String id = createUnder(tenant, traceId).statusCode(201).extract().path("order_id");

        Api.patch(id, Api.outcome("paid", Api.newPaymentId())).statusCode(200).body("trace_id", equalTo(traceId));
        Api.get(tenant, id).statusCode(200).body("status", equalTo("paid")).body("trace_id", equalTo(traceId));
    }

    @Test
    void anOrderOlderThanTheTraceIdAnswersNull() throws SQLException {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        setTraceId(id, null);

        Api.get(tenant, id)
                .statusCode(200)
                .body("$", hasKey("trace_id"))
                .body("trace_id", nullValue());
    }

    @Test
    void theDatabaseKeepsOnlyLowerCaseHexTraceIds() {
        UUID id = Api.createdOrder(Api.newTenant());

        for (String bad : new String[] {"ABCDEF0123456789ABCDEF0123456789", "abc", "0123456789abcdef0123456789abcdefff"}) {
            assertThatThrownBy(() -> setTraceId(id, bad)).as(bad).isInstanceOf(SQLException.class)
                    .hasMessageContaining("orders_trace_id_hex");
        }
    }

    /** POST /orders as a caller whose span is in the trace {@code traceId}. */
    private static ValidatableResponse createUnder(String tenant, String traceId) {
        return Api.as(tenant)
                .header(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + randomHex(8) + "-01")
                .contentType(ContentType.JSON).body(Api.validOrder())
                .post("/orders").then();
    }

    private static void setTraceId(UUID id, String traceId) throws SQLException {
        try (Connection connection = OrdersDb.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE orders SET trace_id = ? WHERE id = ?")) {
            update.setString(1, traceId);
            update.setObject(2, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1;
        return HexFormat.of().formatHex(random);
    }
}
