package io.bookstore.storefront;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OrderStatusTest {

    private static final String NOT_FOUND = "urn:bookstore:problem:not-found";

    @Test
    void aTenantSeesItsOrderAsAShopperShouldSeeIt() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(5, 1999, "USD");
        String id = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(isbn)));

        Api.order(tenant, id)
                .statusCode(200)
                .body("order_id", equalTo(id))
                .body("status", equalTo("pending_payment"))
                .body("currency", equalTo("USD"))
                .body("total_cents", equalTo(1999))
                .body("lines", equalTo(List.of(java.util.Map.of("isbn", isbn, "qty", 1, "unit_price_cents", 1999))))
                .body("created_at", notNullValue())
                .body("$", not(hasKey("tenant")))
                .body("$", not(hasKey("version")));
    }

    @Test
    void thePaymentOutcomeShowsOnceOrdersHasIt() {
        String tenant = Api.newTenant();
        String id = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));
        Orders.settle(tenant, UUID.fromString(id), "payment_failed");

        Api.order(tenant, id).statusCode(200).body("status", equalTo("payment_failed"));
    }

    @Test
    void anotherTenantsOrderIsNotFound() {
        String id = Api.acceptedOrderId(Api.checkout(Api.newTenant(), Api.basket(Databases.newBook(5))));

        assertNotFound(Api.newTenant(), id);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() {
        for (String id : List.of(UUID.randomUUID().toString(), "order-1", "1-2-3-4-5")) {
            assertNotFound(Api.newTenant(), id);
        }
    }

    @Test
    void theTenantIsRequired() {
        RestAssured.given().get("/api/v2/orders/" + UUID.randomUUID()).then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors[0].field", equalTo(Tenants.HEADER));
    }

    private static void assertNotFound(String tenant, String id) {
        Api.order(tenant, id)
                .spec(Api.problem(404, NOT_FOUND));
    }
}
