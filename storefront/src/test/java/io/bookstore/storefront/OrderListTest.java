package io.bookstore.storefront;

import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** GET /api/v2/orders: "my orders", the signed-in tenant's, newest first, as orders lists them. */
@QuarkusTest
class OrderListTest {

    @Test
    void aTenantSeesItsOrdersNewestFirstEachAsItsOrderPageShowsIt() {
        String tenant = Api.newTenant();
        String olderTraceparent = Api.newTraceparent();
        String newerTraceparent = Api.newTraceparent();
        String older = Api.acceptedOrderId(Api.checkout(Api.as(tenant).header("traceparent", olderTraceparent),
                Api.basket(Databases.newBook(5))));
        String newer = Api.acceptedOrderId(Api.checkout(Api.as(tenant).header("traceparent", newerTraceparent),
                Api.basket(Databases.newBook(5), Databases.newBook(5))));

        JsonPath list = Api.orders(tenant)
                .statusCode(200)
                .body("order_id", contains(newer, older))
                // Each order names the trace of the checkout that made it: one checkout, one trace.
                .body("trace_id", contains(Api.traceId(newerTraceparent), Api.traceId(olderTraceparent)))
                .body("[0].lines.size()", equalTo(2))
                .body("[1].lines.size()", equalTo(1))
                .extract().jsonPath();

        for (Map<String, Object> order : list.<Map<String, Object>>getList("$")) {
            assertThat(order).doesNotContainKeys("tenant", "version", "payment_method", "payment_id");
            assertThat(order).isEqualTo(Api.order(tenant, order.get("order_id")).statusCode(200).extract().jsonPath().getMap("$"));
        }
    }

    @Test
    void anotherTenantsOrdersNeverAppear() {
        String tenant = Api.newTenant();
        String mine = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));
        Api.acceptedOrderId(Api.checkout(Api.newTenant(), Api.basket(Databases.newBook(5))));

        Api.orders(tenant).statusCode(200).body("order_id", contains(mine));
        Api.orders(Api.newTenant()).statusCode(200).body("$", empty());
    }

    @Test
    void limitAndOffsetPassOnToOrders() {
        String tenant = Api.newTenant();
        String first = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));
        String second = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));
        String third = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));

        Api.orders(tenant, "limit", 2).statusCode(200).body("order_id", equalTo(List.of(third, second)));
        Api.orders(tenant, "limit", 2, "offset", 2).statusCode(200).body("order_id", equalTo(List.of(first)));
        Api.orders(tenant, "offset", 3).statusCode(200).body("$", empty());
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,101", "limit,abc", "offset,-1", "offset,1000001", "offset,1.5"})
    void pagingOutOfBoundsIsA400NamingTheParameter(String parameter, String value) {
        Api.orders(Api.newTenant(), parameter, value)
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors.field", contains(parameter));
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Api.newTenant());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void theListNeedsAShoppersTokenNamingItsTenant(TestTokens.Refused token) {
        token.assertRefused(token.request().get("/api/v2/orders").then());
    }
}
