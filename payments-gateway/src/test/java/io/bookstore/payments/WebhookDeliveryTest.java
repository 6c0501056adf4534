package io.bookstore.payments;

import io.bookstore.payments.support.Metrics;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks as a real PSP delivers them: repeated, out of order, never, or to a gateway
 * whose orders service is down or slow. Each case ends with exactly one outcome, known to orders.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String EVENTS = "bookstore.webhook.events";

    @AfterEach
    void ordersUp() {
        Services.ordersDown(false);
        Services.ordersSlow(Duration.ZERO);
    }

    @Test
    void threeCopiesOfTheOutcomeAndLateCreationEventsMakeOneStateChange() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.pspKnobs(order, Map.of("psp_webhook_duplicates", "2", "psp_webhook_out_of_order_rate", "1"));

        OrderEvents.publishCreated(order);

        // Three copies of payment_intent.succeeded, then three of payment_intent.created after them.
        Metrics.awaitCount(EVENTS, 6, "tenant", order.tenant());
        assertThat(Metrics.count(EVENTS, "tenant", order.tenant(), "event_type", "payment_intent.succeeded", "outcome", "applied"))
                .isEqualTo(1);
        assertThat(Metrics.count(EVENTS, "tenant", order.tenant(), "event_type", "payment_intent.succeeded", "outcome", "duplicate"))
                .isEqualTo(2);
        assertThat(Metrics.count(EVENTS, "tenant", order.tenant(), "event_type", "payment_intent.created", "outcome", "ignored"))
                .isEqualTo(3);
        Payments.awaitStatus(order, "succeeded", SETTLED);
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        assertThat(Metrics.count("bookstore.payments", "tenant", order.tenant())).as("one outcome recorded").isEqualTo(1);
        assertThat(PaymentsDb.ordersOutbox(order.id())).as("one change at orders")
                .containsExactly("order.created", "order.paid");
    }

    @Test
    void aWebhookThatNeverComesIsSettledByPollingThePsp() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.pspKnobs(order, Map.of("psp_webhook_drop_rate", "1"));
        Instant published = Instant.now();

        OrderEvents.publishCreated(order);

        Payments.awaitStatus(order, "processing", SETTLED);
        Payments.awaitStatus(order, "succeeded", SETTLED);
        assertThat(Duration.between(published, Instant.now())).as("not before the webhook was given its time (settle-after)")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        assertThat(Metrics.count(EVENTS, "tenant", order.tenant())).as("no webhook came").isZero();
        assertThat(Services.creations(order)).hasSize(1);
    }

    @Test
    void anOutcomeOrdersCannotTakeIsKeptAnsweredWith503AndReportedOnceOrdersIsBack() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.ordersDown(true);
        double refusedBefore = Metrics.count("http.server.requests", "uri", "/webhooks/psp", "status", "503");

        OrderEvents.publishCreated(order);

        Payments.awaitStatus(order, "succeeded", SETTLED);
        await().atMost(SETTLED).untilAsserted(() -> assertThat(
                Metrics.count("http.server.requests", "uri", "/webhooks/psp", "status", "503")).isGreaterThan(refusedBefore));
        assertThat(Services.ordersRequests("PATCH /orders/" + order.id())).as("each report is retried before giving up")
                .isGreaterThanOrEqualTo(3);
        assertThat(PaymentsDb.payment(order.id()).orElseThrow().get("order_status_reported")).isNull();
        assertThat(Services.order(order).path("status").asText()).isEqualTo("pending_payment");

        Services.ordersDown(false);

        Payments.awaitOrderStatus(order, "paid", SETTLED);
        await().atMost(SETTLED).until(() -> "paid".equals(PaymentsDb.payment(order.id()).orElseThrow().get("order_status_reported")));
        assertThat(PaymentsDb.ordersOutbox(order.id())).containsExactly("order.created", "order.paid");
        assertThat(Metrics.count("bookstore.payments", "tenant", order.tenant())).isEqualTo(1);
    }

    @Test
    void aReportThatTimedOutIsNotSentAgainAtOnceToASlowOrders() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        // Longer than the client's timeout (2 s): orders still does the change, after the gateway gave up.
        Services.ordersSlow(Duration.ofMillis(3000));
        double refusedBefore = Metrics.count("http.server.requests", "uri", "/webhooks/psp", "status", "503");

        OrderEvents.publishCreated(order);

        await().atMost(SETTLED).pollInterval(Duration.ofMillis(50)).until(() ->
                Metrics.count("http.server.requests", "uri", "/webhooks/psp", "status", "503") > refusedBefore);
        // Two retries would have come 200-300 ms after the timeout, before the webhook's 503;
        // the PSP delivers the webhook again a second after it.
        assertThat(Services.ordersRequests("PATCH /orders/" + order.id())).as("PATCHes before the webhook was answered 503")
                .isEqualTo(1);

        Services.ordersSlow(Duration.ZERO);

        Payments.awaitOrderStatus(order, "paid", SETTLED);
        await().atMost(SETTLED).until(() -> "paid".equals(PaymentsDb.payment(order.id()).orElseThrow().get("order_status_reported")));
        assertThat(PaymentsDb.ordersOutbox(order.id())).containsExactly("order.created", "order.paid");
    }
}
