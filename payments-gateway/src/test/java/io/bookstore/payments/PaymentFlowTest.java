package io.bookstore.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.payments.support.Metrics;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Creation;
import io.bookstore.payments.support.Services.Order;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * order.created → one intent at the real psp-simulator → its webhook → the real orders service,
 * end to end: the order ends paid or payment_failed, and the card is charged at most once.
 */
@QuarkusTest
class PaymentFlowTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);

    @Test
    void aCardThatPaysMakesOneIntentAndThePaidOrder() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");

        OrderEvents.publishCreated(order);

        String intentId = Payments.awaitStatus(order, "succeeded", SETTLED)
                .body("order_id", equalTo(order.id().toString()))
                .body("amount_cents", equalTo((int) order.totalCents()))
                .body("currency", equalTo("USD"))
                .body("decline_code", nullValue())
                .extract().path("intent_id");
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(intentId);

        assertThat(Services.creations(order)).as("one creation request, executed once")
                .containsExactly(new Creation(200, intentId, false));
        JsonNode intent = Services.intent(intentId);
        assertThat(intent.path("status").asText()).isEqualTo("succeeded");
        assertThat(intent.path("amount").asLong()).isEqualTo(order.totalCents());
        assertThat(intent.path("currency").asText()).isEqualTo("usd");
        assertThat(intent.path("metadata").path("order_id").asText()).isEqualTo(order.id().toString());
        assertThat(intent.path("metadata").path("tenant").asText()).isEqualTo(order.tenant());
        assertThat(PaymentsDb.payment(order.id()).orElseThrow().get("order_status_reported")).isEqualTo("paid");
    }

    @Test
    void aDeclinedCardEndsFailedWithItsDeclineCodeAndThePaymentFailedOrder() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_chargeDeclined");

        OrderEvents.publishCreated(order);

        String intentId = Payments.awaitStatus(order, "failed", SETTLED)
                .body("decline_code", equalTo("generic_decline"))
                .extract().path("intent_id");
        assertThat(intentId).startsWith("pi_");
        Payments.awaitOrderStatus(order, "payment_failed", SETTLED);
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(intentId);
        assertThat(Services.creations(order)).as("the 402 answer carried the intent: no second try")
                .containsExactly(new Creation(402, intentId, false));
    }

    @Test
    void aPaymentThePspRefusesOutrightFailsTheOrderWithoutAnIntent() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_doesNotExist");

        OrderEvents.publishCreated(order);

        Payments.awaitStatus(order, "failed", SETTLED)
                .body("intent_id", nullValue())
                .body("decline_code", equalTo("resource_missing"));
        Payments.awaitOrderStatus(order, "payment_failed", SETTLED);
        assertThat(Services.creations(order)).as("a refusal is not retried").hasSize(1);
    }

    @Test
    void anAnswerLostOnTheWayIsRetriedUnderTheSameKeyAndChargesOnce() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.loseCreationAnswers(order, 1);

        OrderEvents.publishCreated(order);

        String intentId = Payments.awaitStatus(order, "succeeded", SETTLED).extract().path("intent_id");
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        // The webhook of the first creation may settle the payment before the retry lands: wait for it.
        await().atMost(SETTLED).untilAsserted(() -> assertThat(Services.creations(order))
                .as("the retry is answered with the first intent, replayed")
                .containsExactly(new Creation(200, intentId, false), new Creation(200, intentId, true)));
    }

    @Test
    void theSameRecordTwiceMakesOnePaymentAndOneIntent() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Map<String, String> headers = OrderEvents.headers(order, "order.created");
        String payload = OrderEvents.orderCreated(order);

        OrderEvents.publish(order.id().toString(), payload, headers);
        OrderEvents.publish(order.id().toString(), payload, headers);

        String intentId = Payments.awaitStatus(order, "succeeded", SETTLED).extract().path("intent_id");
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        Metrics.awaitCount("bookstore.consumer.events", 1, "tenant", order.tenant(), "outcome", "duplicate");
        assertThat(Metrics.count("bookstore.consumer.events", "tenant", order.tenant(), "outcome", "processed")).isEqualTo(1);
        assertThat(PaymentsDb.processedEvents(UUID.fromString(headers.get("ce_id")))).isEqualTo(1);
        assertThat(Services.creations(order)).containsExactly(new Creation(200, intentId, false));
    }

    @Test
    void anotherEventForAnOrderThatHasItsPaymentChargesNothingMore() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        OrderEvents.publishCreated(order);
        String intentId = Payments.awaitStatus(order, "succeeded", SETTLED).extract().path("intent_id");

        OrderEvents.publishCreated(order);

        Metrics.awaitCount("bookstore.consumer.events", 2, "tenant", order.tenant(), "outcome", "processed");
        Payments.get(order.tenant(), order.id()).statusCode(200).body("intent_id", equalTo(intentId));
        assertThat(Services.creations(order)).hasSize(1);
    }
}
