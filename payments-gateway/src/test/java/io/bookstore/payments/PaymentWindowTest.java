package io.bookstore.payments;

import com.fasterxml.jackson.databind.JsonNode;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Every payment ends within its window: past its deadline, by the database's clock, the PSP is
 * asked what it holds under the order's Idempotency-Key; an intent that has not succeeded is
 * canceled there and the order ends payment_failed, and one that succeeded is paid, never
 * failed. Nothing is charged past the window, and a failed order has no succeeded charge.
 */
@QuarkusTest
class PaymentWindowTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);
    private static final String PAST_THE_WINDOW = "past the payment window";

    @Test
    void aCreationThePspNeverExecutedFailsPastTheWindowWithACanceledIntentAndNoCharge() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.pspKnobs(order, Map.of("psp_error_rate", "1"));

        OrderEvents.publishCreated(order);

        await().atMost(SETTLED).until(() -> Services.creations(order).size() >= 3);
        Payments.get(order.tenant(), order.id()).statusCode(200).body("status", equalTo("creating"));
        PaymentsDb.passWindow(order.id());
        awaitLastError(order, PAST_THE_WINDOW);
        // The PSP is back: it now answers the gateway's requests.
        Services.pspKnobs(order, Map.of("psp_latency_ms", "0"));

        String intentId = Payments.awaitStatus(order, "failed", SETTLED)
                .body("decline_code", equalTo("payment_window_expired"))
                .extract().path("intent_id");
        Payments.awaitOrderStatus(order, "payment_failed", SETTLED);
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(intentId);
        assertThat(PaymentsDb.ordersOutbox(order.id())).containsExactly("order.created", "order.payment_failed");
        JsonNode intent = Services.intent(intentId);
        assertThat(intent.path("status").asText()).as("the intent the probe made is canceled, never confirmed").isEqualTo("canceled");
        assertThat(intent.path("amount_received").asLong()).isZero();
        assertThat(Services.creations(order)).as("one intent, made past the window without confirming it")
                .filteredOn(creation -> creation.status() == 200)
                .containsExactly(new Creation(200, intentId, false));
    }

    @Test
    void aCreationThePspExecutedIsPaidPastTheWindowNeverFailed() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Services.pspKnobs(order, Map.of("psp_webhook_drop_rate", "1"));
        Services.loseCreationAnswers(order, 1_000);

        OrderEvents.publishCreated(order);

        await().atMost(SETTLED).until(() -> Services.creations(order).size() >= 3);
        String charged = Services.creations(order).get(0).intentId();
        assertThat(Services.intent(charged).path("status").asText()).as("charged, though the gateway never heard").isEqualTo("succeeded");
        PaymentsDb.passWindow(order.id());
        awaitLastError(order, PAST_THE_WINDOW);
        Services.loseCreationAnswers(order, 0);

        Payments.awaitStatus(order, "succeeded", SETTLED)
                .body("intent_id", equalTo(charged))
                .body("decline_code", nullValue());
        Payments.awaitOrderStatus(order, "paid", SETTLED);
        assertThat(Services.order(order).path("payment_id").asText()).isEqualTo(charged);
        assertThat(Services.creations(order)).as("the probe found the key used; the replay returned the first intent")
                .contains(new Creation(400, "-", false), new Creation(200, charged, true))
                .filteredOn(creation -> !creation.replayed() && creation.status() == 200)
                .containsExactly(new Creation(200, charged, false));
    }

    @Test
    void theSettlerGoesByTheDatabaseClockForWhatIsDueAndForTheWindow() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        String intentId = Services.createUnconfirmedIntent(order);
        // Past its window by the database's clock, but not due for another few seconds.
        PaymentsDb.insertProcessing(order, intentId, "now() + interval '4 seconds'", "now() - interval '1 second'");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(PaymentsDb.payment(order.id()).orElseThrow()).containsEntry("status", "processing").containsEntry("attempts", 0));
        assertThat(Services.intent(intentId).path("status").asText()).isEqualTo("requires_confirmation");

        Payments.awaitStatus(order, "failed", SETTLED)
                .body("intent_id", equalTo(intentId))
                .body("decline_code", equalTo("payment_window_expired"));
        assertThat(Services.intent(intentId).path("status").asText()).isEqualTo("canceled");
        Payments.awaitOrderStatus(order, "payment_failed", SETTLED);
        assertThat(PaymentsDb.ordersOutbox(order.id())).containsExactly("order.created", "order.payment_failed");
    }

    /** Waits until the settler has tried the payment's step after its window passed and recorded why it could not finish. */
    private static void awaitLastError(Order order, String contains) {
        await().atMost(SETTLED).until(() -> {
            Object lastError = PaymentsDb.payment(order.id()).orElseThrow().get("last_error");
            return lastError != null && lastError.toString().contains(contains);
        });
    }
}
