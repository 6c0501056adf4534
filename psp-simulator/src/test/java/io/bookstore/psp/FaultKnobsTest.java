package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.createWithKey;
import static io.bookstore.psp.PspApi.metric;
import static io.bookstore.psp.PspApi.orderId;
import static io.bookstore.psp.PspApi.retrieve;
import static io.bookstore.psp.PspApi.storedIntents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Each fault knob, set per intent through its {@code psp_…} metadata. */
@QuarkusTest
class FaultKnobsTest {

    @Test
    void latencyDelaysTheAnswer() {
        long start = System.nanoTime();
        create(charge("pm_card_visa", "metadata[psp_latency_ms]", "700")).statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void anErrorRateOfOneAnswers500AndCreatesNothing() {
        String injected = "psp_api_errors_injected_total";
        double before = metric(injected);
        long stored = storedIntents();
        String[] params = charge("pm_card_visa", "metadata[psp_error_rate]", "1");

        create(params).statusCode(500)
                .header("Stripe-Should-Retry", equalTo("true"))
                .body("error.type", equalTo("api_error"));

        assertThat(storedIntents()).isEqualTo(stored);
        assertThat(metric(injected)).isEqualTo(before + 1);
        Receiver.settle();
        assertThat(Receiver.all()).noneMatch(delivery -> delivery.intent().path("metadata").path("order_id").asText().equals(orderId(params)));
    }

    @Test
    void failedAttemptsAnswer500UntilARetryWithTheSameKeySucceedsOnce() {
        String key = UUID.randomUUID().toString();
        String[] params = charge("pm_card_visa", "metadata[psp_fail_attempts]", "2");
        long stored = storedIntents();

        createWithKey(key, params).statusCode(500).body("error.type", equalTo("api_error"));
        createWithKey(key, params).statusCode(500).body("error.type", equalTo("api_error"));
        assertThat(storedIntents()).isEqualTo(stored);
        String id = createWithKey(key, params).statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .body("status", equalTo("succeeded"))
                .extract().path("id");
        createWithKey(key, params).statusCode(200)
                .header("Idempotent-Replayed", equalTo("true"))
                .body("id", equalTo(id));

        assertThat(storedIntents()).isEqualTo(stored + 1);
        Receiver.awaitTheOnlyDelivery(id);
    }

    @Test
    void webhookDelayHoldsTheFirstDeliveryBack() {
        long sent = System.currentTimeMillis();
        String id = create(charge("pm_card_visa", "metadata[psp_webhook_delay_ms]", "1500")).statusCode(200).extract().path("id");

        Delivery delivery = Receiver.await(id, 1).get(0);
        assertThat(delivery.receivedAtMillis() - sent).isGreaterThanOrEqualTo(1500);
        assertThat(delivery.signatureVerifies(Receiver.secret())).isTrue();
    }

    @Test
    void duplicatesDeliverTheSameEventSeveralTimes() {
        String id = create(charge("pm_card_visa", "metadata[psp_webhook_duplicates]", "2")).statusCode(200).extract().path("id");

        Receiver.await(id, 3);
        Receiver.settle();
        List<Delivery> deliveries = Receiver.forIntent(id);
        assertThat(deliveries).hasSize(3);
        assertThat(deliveries).extracting(Delivery::eventId).containsOnly(deliveries.get(0).eventId());
        assertThat(deliveries).extracting(Delivery::type).containsOnly("payment_intent.succeeded");
        assertThat(deliveries).allMatch(delivery -> delivery.signatureVerifies(Receiver.secret()));
    }

    @Test
    void outOfOrderDeliversTheCreationEventAfterTheFinalOne() {
        String id = create(charge("pm_card_visa", "metadata[psp_webhook_out_of_order_rate]", "1")).statusCode(200).extract().path("id");

        List<Delivery> deliveries = Receiver.await(id, 2);
        assertThat(deliveries).extracting(Delivery::type).containsExactly("payment_intent.succeeded", "payment_intent.created");
        Delivery created = deliveries.get(1);
        assertThat(created.intent().path("status").asText()).isEqualTo("requires_confirmation");
        assertThat(created.intent().path("amount_received").asLong()).isZero();
        assertThat(created.event().path("created").asLong()).isLessThanOrEqualTo(deliveries.get(0).event().path("created").asLong());
        assertThat(created.eventId()).isNotEqualTo(deliveries.get(0).eventId());
        assertThat(created.signatureVerifies(Receiver.secret())).isTrue();
    }

    @Test
    void outOfOrderAppliesToDeclinesToo() {
        String id = create(charge("pm_card_chargeDeclined", "metadata[psp_webhook_out_of_order_rate]", "1"))
                .statusCode(402).extract().path("error.payment_intent.id");

        assertThat(Receiver.await(id, 2)).extracting(Delivery::type)
                .containsExactly("payment_intent.payment_failed", "payment_intent.created");
    }

    @Test
    void aDroppedWebhookNeverArrivesButTheIntentCanBePolled() {
        String dropped = "psp_webhook_deliveries_total{event_type=\"payment_intent.succeeded\",outcome=\"dropped\"}";
        double before = metric(dropped);
        String id = create(charge("pm_card_visa", "metadata[psp_webhook_drop_rate]", "1")).statusCode(200).extract().path("id");
        // A webhook sent right after arrives: the silence about the first intent is the knob, not a slow endpoint.
        String control = create(charge("pm_card_visa")).statusCode(200).extract().path("id");

        Receiver.await(control, 1);
        Receiver.settle();
        assertThat(Receiver.forIntent(id)).isEmpty();
        assertThat(metric(dropped)).isEqualTo(before + 1);
        retrieve(id).statusCode(200).body("status", equalTo("succeeded"));
    }
}
