package io.bookstore.payments.client;

import io.bookstore.payments.domain.PaymentStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When polling may settle a payment: only on an intent Stripe considers final. */
class PaymentIntentTest {

    private static final StripeError DECLINED = new StripeError("card_error", "card_declined", "insufficient_funds", null, "declined", null);

    @Test
    void aSucceededIntentIsASucceededPayment() {
        assertThat(intent("succeeded", null).outcome()).contains(PaymentStatus.SUCCEEDED);
        assertThat(intent("succeeded", null).declineCode()).isEmpty();
    }

    @Test
    void aDeclinedIntentWaitingForAnotherCardIsAFailedPaymentWithItsDeclineCode() {
        PaymentIntent declined = intent("requires_payment_method", DECLINED);
        assertThat(declined.outcome()).contains(PaymentStatus.FAILED);
        assertThat(declined.declineCode()).contains("insufficient_funds");
    }

    @Test
    void aCanceledIntentIsAFailedPayment() {
        assertThat(intent("canceled", null).outcome()).contains(PaymentStatus.FAILED);
    }

    @Test
    void anIntentStillUnderWayDecidesNothing() {
        for (String status : new String[] {"processing", "requires_action", "requires_confirmation", "requires_capture"}) {
            assertThat(intent(status, null).outcome()).as(status).isEqualTo(Optional.empty());
        }
        assertThat(intent("requires_payment_method", null).outcome()).as("never tried").isEmpty();
    }

    @Test
    void theDeclineCodeFallsBackToTheErrorCode() {
        StripeError expired = new StripeError("card_error", "expired_card", null, null, "expired", null);
        assertThat(intent("requires_payment_method", expired).declineCode()).contains("expired_card");
    }

    private static PaymentIntent intent(String status, StripeError error) {
        return new PaymentIntent("pi_test", status, Map.of(), error);
    }
}
