package io.bookstore.orders;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code order_id} in {@code POST /orders}: the storefront reserves stock under the id
 * before the order exists, so the order must take exactly that id, once.
 */
@QuarkusTest
class ChosenOrderIdTest {

    private static final String CONFLICT = "urn:bookstore:problem:conflict";

    @Test
    void theOrderTakesTheChosenId() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();

        Api.create(tenant, withId(id))
                .statusCode(201)
                .header("Location", endsWith("/orders/" + id))
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, nullValue())
                .body("order_id", equalTo(id.toString()))
                .body("status", equalTo("pending_payment"));

        Api.get(tenant, id).statusCode(200).body("total_cents", equalTo(2 * 4999 + 3550));
        assertThat(OrdersDb.outbox(id)).singleElement()
                .satisfies(row -> assertThat(row.eventType()).isEqualTo("order.created"))
                .satisfies(row -> assertThat(row.payload().path("order_id").asText()).isEqualTo(id.toString()));
    }

    @Test
    void anUpperCaseIdNamesTheSameOrder() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();

        Api.create(tenant, withId(id.toString().toUpperCase())).statusCode(201).body("order_id", equalTo(id.toString()));
        Api.get(tenant, id).statusCode(200);
    }

    @Test
    void theSameRequestWithItsIdUnderTheSameKeyIsAReplay() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        UUID id = createdWithKey(tenant, key);

        Api.create(tenant, key, withId(id))
                .statusCode(201)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(id.toString()));
        assertThat(OrdersDb.ordersWithKey(tenant, key)).isEqualTo(1);
        assertThat(OrdersDb.outbox(id)).hasSize(1);
    }

    @Test
    void anotherIdOrNoIdUnderAUsedKeyIsADifferentRequest() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        UUID id = createdWithKey(tenant, key);
        OrdersDb.Counts before = OrdersDb.counts();

        for (Map<String, Object> different : List.of(withId(UUID.randomUUID()), Api.validOrder())) {
            Api.create(tenant, key, different)
                    .statusCode(422)
                    .contentType(HttpHeaders.PROBLEM_JSON)
                    .body("type", equalTo("urn:bookstore:problem:idempotency-key-reused"));
        }
        assertThat(OrdersDb.counts()).isEqualTo(before);
    }

    @Test
    void anIdThatIsTakenIsAConflictAndChangesNothing() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();
        Api.create(tenant, withId(id)).statusCode(201);
        OrdersDb.Counts before = OrdersDb.counts();

        Map<String, Object> otherBooks = withId(id);
        Api.firstLine(otherBooks).put("qty", 7);
        Api.create(tenant, otherBooks)
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(CONFLICT))
                .body("status", equalTo(409))
                .body("detail", containsString(id.toString()));
        // The very same body, without a key and under a fresh key: still not a replay.
        Api.create(tenant, withId(id)).statusCode(409).body("type", equalTo(CONFLICT));
        Api.create(tenant, UUID.randomUUID().toString(), withId(id)).statusCode(409).body("type", equalTo(CONFLICT));

        assertThat(OrdersDb.counts()).isEqualTo(before);
        Api.get(tenant, id).statusCode(200).body("lines[0].qty", equalTo(2)).body("version", equalTo(1));
    }

    @Test
    void anotherTenantCannotTakeOrOverwriteTheId() {
        String owner = Api.newTenant();
        UUID id = UUID.randomUUID();
        Api.create(owner, withId(id)).statusCode(201);

        Api.create(Api.newTenant(), withId(id)).statusCode(409).body("type", equalTo(CONFLICT));

        Api.get(owner, id).statusCode(200).body("tenant", equalTo(owner));
        assertThat(OrdersDb.outbox(id)).hasSize(1);
    }

    @Test
    void anIdTakenByAnOrderWithAKeyIsAConflictWithoutThatKey() {
        String tenant = Api.newTenant();
        UUID id = UUID.randomUUID();
        Api.create(tenant, UUID.randomUUID().toString(), withId(id)).statusCode(201);

        Api.create(tenant, withId(id)).statusCode(409).body("type", equalTo(CONFLICT));
        assertThat(OrdersDb.outbox(id)).hasSize(1);
    }

    private static Map<String, Object> withId(Object id) {
        Map<String, Object> body = Api.validOrder();
        body.put("order_id", id.toString());
        return body;
    }

    /** Creates an order of the tenant under {@code key} with an id of the caller's choosing; returns the id. */
    private static UUID createdWithKey(String tenant, String key) {
        UUID id = UUID.randomUUID();
        Api.create(tenant, key, withId(id)).statusCode(201);
        return id;
    }
}
