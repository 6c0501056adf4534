package io.bookstore.payments;

import io.bookstore.payments.support.Metrics;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.bookstore.payments.support.Webhooks;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Only the PSP, and only recently, can change a payment through the webhook. The forged
 * deliveries here carry an event that would settle a waiting payment; the last, correctly
 * signed, delivery shows that it would have.
 */
@QuarkusTest
class ForgedWebhookTest {

    private static final String FAILURES = "bookstore.webhook.signature.failures";

    @Test
    void missingWrongAndStaleSignaturesAre400AndChangeNothing() {
        WaitingPayment payment = WaitingPayment.withEvent("pi_forged", "payment_intent.succeeded", "succeeded");
        Order order = payment.order();
        String body = payment.event();
        long now = Instant.now().getEpochSecond();
        double failuresBefore = Metrics.count(FAILURES);

        refused(Webhooks.deliver(body, null), "missing");
        refused(Webhooks.deliver(body, Webhooks.signature("whsec_someone_else", now, body)), "match");
        refused(Webhooks.deliver(body, Webhooks.signature(Webhooks.SECRET, now - 301, body)), "s from now");
        refused(Webhooks.deliver(body, Webhooks.signature(Webhooks.SECRET, now, body.replace("succeeded", "SUCCEEDED"))), "match");
        refused(Webhooks.deliver(body, "v1=" + "0".repeat(64)), "t=");

        assertThat(Metrics.count(FAILURES) - failuresBefore).isEqualTo(5);
        assertThat(Metrics.count(FAILURES, "reason", "stale")).isGreaterThanOrEqualTo(1);
        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("processing"));
        assertThat(Services.order(order).path("status").asText()).isEqualTo("pending_payment");

        Webhooks.deliverSigned(body).statusCode(200).body("received", equalTo(true)).body("outcome", equalTo("applied"));

        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("succeeded"));
        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(10));
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(payment.intentId());
    }

    @Test
    void aSignatureAmongSeveralIsEnoughWhileTheSecretIsRolled() {
        WaitingPayment payment = WaitingPayment.withEvent("pi_rolled", "payment_intent.payment_failed", "requires_payment_method");
        long now = Instant.now().getEpochSecond();
        String old = Webhooks.signature("whsec_old", now, payment.event());
        String current = Webhooks.signature(Webhooks.SECRET, now, payment.event());

        Webhooks.deliver(payment.event(), old + "," + current.substring(current.indexOf("v1="))).statusCode(200);

        Order order = payment.order();
        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("failed"));
        Payments.awaitOrderStatus(order, "payment_failed", Duration.ofSeconds(10));
    }

    @Test
    void anAuthenticBodyThatIsNotJsonIs400() {
        Webhooks.deliverSigned("{\"type\": ").statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookstore:problem:malformed-request"));
    }

    @Test
    void anEventForAnOrderWithoutPaymentIsAcknowledgedSoThePspStopsRetrying() {
        Order stranger = new Order(UUID.randomUUID(), Services.newTenant(), 4999, "USD", "pm_card_visa");
        String body = Webhooks.event("payment_intent.succeeded", stranger, "pi_stranger" + OrderEvents.hex(6), "succeeded",
                OrderEvents.traceparent());

        Webhooks.deliverSigned(body).statusCode(200).body("outcome", equalTo("unknown_order"));

        assertThat(PaymentsDb.payment(stranger.id())).isEmpty();
    }

    @Test
    void anAuthenticEventForAnotherIntentOrTenantChangesNothingAndADuplicateIsTold() {
        WaitingPayment payment = WaitingPayment.withEvent("pi_mine", "payment_intent.succeeded", "succeeded");
        Order order = payment.order();
        Order otherTenant = new Order(order.id(), Services.newTenant(), order.totalCents(), order.currency(), order.paymentMethod());

        Webhooks.deliverSigned(Webhooks.event("payment_intent.succeeded", order, "pi_other" + OrderEvents.hex(6), "succeeded",
                OrderEvents.traceparent())).statusCode(200).body("outcome", equalTo("mismatch"));
        Webhooks.deliverSigned(Webhooks.event("payment_intent.payment_failed", otherTenant, payment.intentId(),
                "requires_payment_method", OrderEvents.traceparent())).statusCode(200).body("outcome", equalTo("mismatch"));
        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("processing"));

        Webhooks.deliverSigned(payment.event()).statusCode(200).body("outcome", equalTo("applied"));
        Webhooks.deliverSigned(payment.event()).statusCode(200).body("outcome", equalTo("duplicate"));
        Webhooks.deliverSigned(Webhooks.event("payment_intent.payment_failed", order, payment.intentId(), "requires_payment_method",
                OrderEvents.traceparent())).statusCode(200).body("outcome", equalTo("duplicate"));

        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("succeeded"));
        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(10));
    }

    /**
     * A new order at orders whose payment, under a new intent id that starts with {@code prefix},
     * waits for the PSP's webhook; and the body of a webhook event of {@code type} about that intent.
     */
    private record WaitingPayment(Order order, String intentId, String event) {

        static WaitingPayment withEvent(String prefix, String type, String intentStatus) {
            String intentId = prefix + OrderEvents.hex(6);
            Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
            PaymentsDb.insertProcessing(order, intentId);
            return new WaitingPayment(order, intentId, Webhooks.event(type, order, intentId, intentStatus, OrderEvents.traceparent()));
        }
    }

    private static void refused(ValidatableResponse response, String detail) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors[0].field", equalTo(Webhooks.SIGNATURE))
                .body("errors[0].message", containsString(detail))
                .body("detail", startsWith("The webhook is not signed"));
    }
}
