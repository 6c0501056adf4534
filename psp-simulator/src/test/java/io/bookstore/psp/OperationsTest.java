package io.bookstore.psp;

import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators rely on: health without an API key, and metrics of intents and deliveries. */
@QuarkusTest
class OperationsTest {

    private static final String SUCCEEDED = "psp_payment_intents_total{outcome=\"succeeded\"}";
    private static final String DECLINED = "psp_payment_intents_total{outcome=\"declined\"}";
    private static final String UNCONFIRMED = "psp_payment_intents_total{outcome=\"unconfirmed\"}";
    private static final String DELIVERED_FAILED = "psp_webhook_deliveries_total{event_type=\"payment_intent.payment_failed\",outcome=\"delivered\"}";

    @Test
    void healthIsUpWithoutAnApiKey() {
        ServiceProbes.assertLive();
        ServiceProbes.assertReady();
    }

    @Test
    void intentsAreCountedByOutcomeAndDeliveriesByEventType() {
        double succeeded = metric(SUCCEEDED);
        double declined = metric(DECLINED);
        double unconfirmed = metric(UNCONFIRMED);
        double deliveredFailed = metric(DELIVERED_FAILED);
        String[] visa = charge("pm_card_visa");

        create(visa).statusCode(200);
        create(charge("pm_card_chargeDeclined")).statusCode(402);
        create("amount", "100", "currency", "usd").statusCode(200);
        // A replay executes nothing, so it counts nothing.
        PspApi.createWithKey("ops-" + PspApi.orderId(visa), visa).statusCode(200);
        PspApi.createWithKey("ops-" + PspApi.orderId(visa), visa).statusCode(200);

        assertThat(metric(SUCCEEDED)).isEqualTo(succeeded + 2);
        assertThat(metric(DECLINED)).isEqualTo(declined + 1);
        assertThat(metric(UNCONFIRMED)).isEqualTo(unconfirmed + 1);
        await().untilAsserted(() -> assertThat(metric(DELIVERED_FAILED)).isEqualTo(deliveredFailed + 1));
    }
}
