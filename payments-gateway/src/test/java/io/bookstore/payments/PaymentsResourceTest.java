package io.bookstore.payments;

import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services.Order;
import io.bookstore.payments.support.Services;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** {@code GET /payments/{order_id}}: the payment of an order, for its tenant only. */
@QuarkusTest
class PaymentsResourceTest {

    @Test
    void aPaymentIsShownToItsTenant() {
        Order order = processingPayment("pi_shown");

        Payments.get(order.tenant(), order.id())
                .statusCode(200)
                .contentType("application/json")
                .body("order_id", equalTo(order.id().toString()))
                .body("status", equalTo("processing"))
                .body("intent_id", notNullValue())
                .body("amount_cents", equalTo(1234))
                .body("currency", equalTo("EUR"))
                .body("decline_code", nullValue())
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
    }

    @Test
    void anotherTenantsPaymentIsNotFound() {
        Order order = processingPayment("pi_hidden");

        Payments.get(Services.newTenant(), order.id())
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookstore:problem:not-found"));
    }

    @Test
    void anOrderWithoutPaymentIsNotFound() {
        Payments.get(Services.newTenant(), UUID.randomUUID())
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void anOrderIdThatIsNotAUuidIsAValidationProblem() {
        given().auth().oauth2(TestTokens.shared().shopper(Services.newTenant())).get("/payments/1-2-3-4-5").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors[0].field", equalTo("order_id"));
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Services.newTenant());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aPaymentNeedsAShoppersTokenNamingItsTenant(TestTokens.Refused token) {
        Order order = processingPayment("pi_guarded");

        token.assertRefused(token.request().get("/payments/" + order.id()).then());
    }

    /** A payment of 12.34 EUR for a new order of a new tenant, processing under an intent id that starts with {@code prefix}. */
    private static Order processingPayment(String prefix) {
        Order order = new Order(UUID.randomUUID(), Services.newTenant(), 1234, "EUR", "pm_card_visa");
        PaymentsDb.insertProcessing(order, prefix + UUID.randomUUID().toString().substring(0, 8));
        return order;
    }
}
