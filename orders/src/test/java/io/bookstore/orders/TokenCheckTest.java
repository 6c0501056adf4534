package io.bookstore.orders;

import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every endpoint checks the caller's token itself: no token or a bad one is a 401 with the
 * Bearer challenge, a valid one without the role or the tenant a 403, and neither writes
 * anything.
 */
@QuarkusTest
class TokenCheckTest {

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Api.newTenant());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenCreatesNoOrder(TestTokens.Refused token) {
        OrdersDb.Counts before = OrdersDb.counts();

        token.assertRefused(token.request().contentType(ContentType.JSON).body(Api.validOrder()).post("/orders").then());

        assertThat(OrdersDb.counts()).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenReadsNoOrder(TestTokens.Refused token) {
        UUID id = Api.createdOrder(Api.newTenant());

        token.assertRefused(token.request().get("/orders/" + id).then());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenListsNoOrders(TestTokens.Refused token) {
        token.assertRefused(token.request().get("/orders").then());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenChangesNoStatus(TestTokens.Refused token) {
        String tenant = Api.newTenant();
        UUID id = Api.createdOrder(tenant);
        OrdersDb.Counts before = OrdersDb.counts();

        token.assertRefused(token.request().contentType(ContentType.JSON).body(Api.outcome("paid", Api.newPaymentId())).patch("/orders/" + id).then());

        assertThat(OrdersDb.counts()).isEqualTo(before);
        Api.get(tenant, id).statusCode(200).body("status", equalTo("pending_payment"));
    }
}
