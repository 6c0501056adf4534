package io.bookstore.orders;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * {@code reservation_expires_at}: catalog releases a reservation whose order did not come in
 * time, so no order may be created for it after that; an order created before is still its
 * key's answer.
 */
@QuarkusTest
class ReservationDeadlineTest {

    private static final String EXPIRED = "urn:bookstore:problem:reservation-expired";

    @Test
    void anOrderWhoseReservationExpiredIsRefusedAndNothingIsWritten() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();
        Instant deadline = OrdersDb.now().minusSeconds(1);
        OrdersDb.Counts before = OrdersDb.counts();

        Api.create(tenant, UUID.randomUUID().toString(), reservedUntil(id, deadline))
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(EXPIRED))
                .body("status", equalTo(409))
                .body("detail", containsString(deadline.toString()));
        // Without an Idempotency-Key, the same.
        Api.create(tenant, reservedUntil(id, deadline)).statusCode(409).body("type", equalTo(EXPIRED));

        assertThat(OrdersDb.counts()).isEqualTo(before);
        Api.get(tenant, id).statusCode(404);
    }

    @Test
    void anOrderWithinItsReservationIsCreated() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();

        Api.create(tenant, UUID.randomUUID().toString(), reservedUntil(id, OrdersDb.now().plus(Duration.ofMinutes(2))))
                .statusCode(201)
                .body("order_id", equalTo(id.toString()));

        assertThat(OrdersDb.outbox(id)).singleElement().satisfies(row -> assertThat(row.eventType()).isEqualTo("order.created"));
    }

    @Test
    void anOrderCreatedInTimeIsStillItsKeysAnswerAfterTheDeadline() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        UUID id = UUID.randomUUID();
        Instant deadline = OrdersDb.now().plusSeconds(2);
        Api.create(tenant, key, reservedUntil(id, deadline)).statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> OrdersDb.now().isAfter(deadline));

        // The client never heard the answer and retries the very same request.
        Api.create(tenant, key, reservedUntil(id, deadline))
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(id.toString()));
        assertThat(OrdersDb.outbox(id)).hasSize(1);
    }

    @Test
    void aDeadlineThatIsNotATimeIsInvalid() {
        Map<String, Object> body = Api.validOrder();
        body.put("reservation_expires_at", "in two minutes");

        Api.create(Api.newTenant(), body)
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors.field", hasItem("reservation_expires_at"));
    }

    private static Map<String, Object> reservedUntil(UUID id, Instant deadline) {
        Map<String, Object> body = Api.validOrder();
        body.put("order_id", id.toString());
        body.put("reservation_expires_at", deadline.toString());
        return body;
    }
}
