package io.bookstore.payments.client;

import java.util.Optional;

/** What became of one request to create an intent, retries included. */
public record IntentAttempt(Kind kind, Optional<PaymentIntent> intent, String detail) {

    public enum Kind {
        /** The PSP holds the intent (confirmed, or declined with a 402): its outcome follows by webhook or polling. */
        CREATED,
        /** The PSP refused to create it; {@code detail} is Stripe's error code. The payment has failed. */
        REJECTED,
        /** No answer to act on; {@code detail} says why. Retry later with the same Idempotency-Key. */
        UNAVAILABLE,
        /**
         * Only for a probe: the Idempotency-Key was used with the creation request, which the PSP
         * executed; replaying that request returns its intent.
         */
        KEY_USED
    }

    static IntentAttempt created(PaymentIntent intent) {
        return new IntentAttempt(Kind.CREATED, Optional.of(intent), intent.status());
    }

    static IntentAttempt rejected(String code) {
        return new IntentAttempt(Kind.REJECTED, Optional.empty(), code);
    }

    static IntentAttempt keyUsed(String message) {
        return new IntentAttempt(Kind.KEY_USED, Optional.empty(), message);
    }

    static IntentAttempt unavailable(String reason) {
        return new IntentAttempt(Kind.UNAVAILABLE, Optional.empty(), reason);
    }
}
