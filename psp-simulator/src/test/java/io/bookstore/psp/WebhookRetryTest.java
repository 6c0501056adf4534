package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * An endpoint that fails gets the event again, with backoff and a fresh signature each time,
 * until it answers 2xx or the attempts run out (3 in tests, 1 s then 2 s apart).
 */
@QuarkusTest
class WebhookRetryTest {

    @Test
    void twoFailuresThenSuccessIsDeliveredOnTheThirdAttemptEachFreshlySigned() {
        String id = create(charge("pm_card_visa", "metadata[" + WebhookReceiverResource.FAIL_FIRST + "]", "2"))
                .statusCode(200).extract().path("id");

        List<Delivery> attempts = Receiver.await(id, 3);
        assertThat(attempts).extracting(Delivery::status).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(Delivery::eventId).containsOnly(attempts.get(0).eventId());
        assertThat(attempts).extracting(Delivery::body).containsOnly(attempts.get(0).body());
        for (Delivery attempt : attempts) {
            assertThat(attempt.signatureVerifies(Receiver.secret())).isTrue();
            // Signed when sent, not when the event happened: a receiver's staleness check passes on a retry.
            assertThat(attempt.signedAt().orElseThrow()).isBetween(attempt.receivedAtMillis() / 1000 - 1, attempt.receivedAtMillis() / 1000);
        }
        assertThat(attempts.get(1).signedAt().orElseThrow()).isGreaterThan(attempts.get(0).signedAt().orElseThrow());
        assertThat(attempts.get(2).signedAt().orElseThrow()).isGreaterThan(attempts.get(1).signedAt().orElseThrow());
        // Exponential backoff: 1 s, then 2 s.
        assertThat(attempts.get(1).receivedAtMillis() - attempts.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(attempts.get(2).receivedAtMillis() - attempts.get(1).receivedAtMillis()).isGreaterThanOrEqualTo(2000);

        Receiver.settle();
        assertThat(Receiver.forIntent(id)).hasSize(3);
    }

    @Test
    void anEndpointThatNeverAcceptsGetsMaxAttemptsAndNoMore() {
        String gaveUp = "psp_webhook_deliveries_total{event_type=\"payment_intent.succeeded\",outcome=\"gave_up\"}";
        double before = metric(gaveUp);
        String id = create(charge("pm_card_visa", "metadata[" + WebhookReceiverResource.FAIL_FIRST + "]", "99"))
                .statusCode(200).extract().path("id");

        Receiver.await(id, 3);
        // A fourth attempt would come 2 s after the third.
        Receiver.settle(Duration.ofMillis(2500));
        assertThat(Receiver.forIntent(id)).extracting(Delivery::status).containsExactly(500, 500, 500);
        assertThat(metric(gaveUp)).isEqualTo(before + 1);
        // The intent itself is settled regardless: a client that polls sees it.
        PspApi.retrieve(id).statusCode(200).body("status", equalTo("succeeded"));
    }
}
