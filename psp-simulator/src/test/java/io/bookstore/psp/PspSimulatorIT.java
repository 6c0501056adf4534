package io.bookstore.psp;

import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.bookstore.psp.PspApi.api;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.list;
import static io.bookstore.psp.PspApi.orderId;
import static io.bookstore.psp.PspApi.retrieve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged simulator (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, delivering its webhooks to the test's receiver ({@link Receiver}).
 */
@QuarkusIntegrationTest
class PspSimulatorIT {

    @Test
    void isLiveAndReady() {
        ServiceProbes.assertLive();
        ServiceProbes.assertReady();
    }

    @Test
    void chargesATestCardSignsItsWebhookAndCountsBoth() {
        String[] visa = charge("pm_card_visa");
        String id = create(visa).statusCode(200)
                .body("status", equalTo("succeeded"))
                .body("amount_received", equalTo(4999))
                .body("metadata.order_id", equalTo(orderId(visa)))
                .extract().path("id");
        retrieve(id).statusCode(200).body("id", equalTo(id)).body("status", equalTo("succeeded"));
        create(charge("pm_card_chargeDeclined")).statusCode(402)
                .body("error.decline_code", equalTo("generic_decline"));
        retrieve("pi_unknown").statusCode(404).body("error.code", equalTo("resource_missing"));

        Delivery delivery = Receiver.await(id, 1).get(0);
        assertThat(delivery.event().path("type").asText()).isEqualTo("payment_intent.succeeded");
        assertThat(delivery.signatureVerifies(Receiver.secret())).isTrue();

        // The delivery is counted once the receiver's answer is back, a moment after it arrived.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ServiceProbes.scrape())
                .containsPattern("(?m)^psp_payment_intents_total\\{(?=[^}]*outcome=\"succeeded\")[^}]*} 1\\.0( #.*)?$")
                .containsPattern("(?m)^psp_payment_intents_total\\{(?=[^}]*outcome=\"declined\")[^}]*} 1\\.0( #.*)?$")
                .containsPattern("(?m)^psp_webhook_deliveries_total\\{(?=[^}]*event_type=\"payment_intent\\.succeeded\")"
                        + "(?=[^}]*outcome=\"delivered\")[^}]*} 1\\.0( #.*)?$"));
    }

    @Test
    void listsTheIntentsAndSwitchesFaultsAtRunTime() {
        // Unconfirmed intents: the other test counts the charges and their webhooks exactly.
        String id = create("amount", "100", "currency", "usd").statusCode(200).extract().path("id");
        list("limit", "1").statusCode(200)
                .body("object", equalTo("list"))
                .body("data[0].id", equalTo(id))
                .body("data[0].status", equalTo("requires_payment_method"));
        list("limit", "101").statusCode(400).body("error.param", equalTo("limit"));

        api().contentType("application/json").body("{\"error_rate\":1}").put("/sim/faults").then().statusCode(200)
                .body("error_rate", equalTo(1.0f));
        create("amount", "100", "currency", "usd").statusCode(500).body("error.type", equalTo("api_error"));
        api().delete("/sim/faults").then().statusCode(200).body("error_rate", equalTo(0.0f));
        create("amount", "100", "currency", "usd").statusCode(200);
    }
}
