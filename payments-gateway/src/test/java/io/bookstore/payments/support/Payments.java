package io.bookstore.payments.support;

import io.bookstore.testkit.TestTokens;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The gateway's own API, as a client of {@code GET /payments/{order_id}} sees it. */
public final class Payments {

    private Payments() {
    }

    public static ValidatableResponse get(String tenant, UUID orderId) {
        return given().auth().oauth2(TestTokens.shared().shopper(tenant)).get("/payments/" + orderId).then();
    }

    /** Waits until the order's payment has this status (the webhook or the settler may take seconds). */
    public static ValidatableResponse awaitStatus(Services.Order order, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> get(order.tenant(), order.id()).statusCode(200).body("status", equalTo(status)));
        return get(order.tenant(), order.id());
    }

    /** Waits until orders shows the order in this status. */
    public static void awaitOrderStatus(Services.Order order, String status, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> status.equals(Services.order(order).path("status").asText()));
    }
}
