package io.bookstore.payments;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.Services.Order;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Webhooks;
import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.startsWith;

/**
 * The packaged gateway (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, between the real packaged psp-simulator and orders, on a fresh
 * database and the shared broker ({@link io.bookstore.payments.support.TestResources}).
 */
@QuarkusIntegrationTest
class PaymentsGatewayIT {

    private static final Duration SETTLED = Duration.ofSeconds(30);

    @Test
    void isLiveAndReadyOnItsDatabaseAndTheOrderEvents() {
        ServiceProbes.assertLive();
        ServiceProbes.awaitReady(SETTLED, "Reactive PostgreSQL", "Reactive Messaging");
    }

    @Test
    void orderCreatedIsChargedAtThePspAndItsSignedWebhookPaysTheOrder() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");

        OrderEvents.publishCreated(order);

        String intentId = Payments.awaitStatus(order, "succeeded", SETTLED)
                .body("amount_cents", equalTo((int) order.totalCents()))
                .body("intent_id", startsWith("pi_"))
                .extract().path("intent_id");
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(intentId);

        String series = "\\{(?=[^}]*tenant=\"" + order.tenant() + "\")";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ServiceProbes.scrape())
                .containsPattern("(?m)^bookstore_payments_total" + series + "(?=[^}]*outcome=\"succeeded\")[^}]*} 1\\.0( #.*)?$")
                .containsPattern("(?m)^bookstore_psp_latency_seconds_count" + series + "(?=[^}]*operation=\"create\")[^}]*} 1\\.0( #.*)?$")
                .containsPattern("(?m)^bookstore_webhook_events_total" + series
                        + "(?=[^}]*event_type=\"payment_intent\\.succeeded\")(?=[^}]*outcome=\"applied\")[^}]*} 1\\.0( #.*)?$"));
    }

    @Test
    void aPaymentAskedForWithoutATokenIsRefused() {
        given().get("/payments/" + UUID.randomUUID()).then().statusCode(401)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aWebhookSignedWithAnotherSecretIsRefusedAndCounted() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        String body = Webhooks.event("payment_intent.succeeded", order, "pi_forged" + OrderEvents.hex(6), "succeeded",
                OrderEvents.traceparent());

        Webhooks.deliver(body, Webhooks.signature("whsec_someone_else", Instant.now().getEpochSecond(), body)).statusCode(400);

        assertThat(Services.order(order).path("status").asText()).isEqualTo("pending_payment");
        assertThat(ServiceProbes.scrape()).containsPattern("(?m)^bookstore_webhook_signature_failures_total\\{(?=[^}]*reason=\"mismatch\")[^}]*} 1\\.0( #.*)?$");
    }
}
