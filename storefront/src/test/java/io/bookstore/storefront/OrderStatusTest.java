package io.bookstore.storefront;

import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
        Orders.settle(UUID.fromString(id), "payment_failed");

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

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Api.newTenant());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void anOrderNeedsAShoppersTokenNamingItsTenant(TestTokens.Refused token) {
        token.assertRefused(token.request().get("/api/v2/orders/" + UUID.randomUUID()).then());
    }

    private static void assertNotFound(String tenant, String id) {
        Api.order(tenant, id)
                .spec(Api.problem(404, NOT_FOUND));
    }
}
