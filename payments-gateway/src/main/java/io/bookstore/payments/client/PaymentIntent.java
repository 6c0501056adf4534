package io.bookstore.payments.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bookstore.payments.domain.PaymentStatus;

import java.util.Map;
import java.util.Optional;

/** The fields of Stripe's PaymentIntent this service reads; Stripe sends many more. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentIntent(String id, String status, Map<String, String> metadata, StripeError lastPaymentError) {

    static final String SUCCEEDED = "succeeded";
    static final String CANCELED = "canceled";
    static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";

    public PaymentIntent {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * The final outcome, if the intent has one: {@code succeeded}; {@code canceled}; or, as
     * Stripe leaves a declined card, {@code requires_payment_method} with the last payment's
     * error. Anything else ({@code processing}, {@code requires_action}, …) is still open.
     */
    public Optional<PaymentStatus> outcome() {
        if (SUCCEEDED.equals(status)) {
            return Optional.of(PaymentStatus.SUCCEEDED);
        }
        if (CANCELED.equals(status) || REQUIRES_PAYMENT_METHOD.equals(status) && lastPaymentError != null) {
            return Optional.of(PaymentStatus.FAILED);
        }
        return Optional.empty();
    }

    /** True once the intent is canceled: it can never charge. */
    public boolean canceled() {
        return CANCELED.equals(status);
    }

    /** Stripe's {@code decline_code} of the last payment error, or its {@code code} when the card network gave none. */
    public Optional<String> declineCode() {
        return lastPaymentError == null ? Optional.empty() : lastPaymentError.declineOrCode();
    }
}
