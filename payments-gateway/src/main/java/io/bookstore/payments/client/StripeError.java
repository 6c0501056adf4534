package io.bookstore.payments.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** Stripe's error object: the body of an error answer ({@code {"error": …}}) and an intent's {@code last_payment_error}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
// Read with readEntity(StripeError.Body.class), which a native image can only do for registered types.
@RegisterForReflection
public record StripeError(String type, String code, String declineCode, String param, String message, PaymentIntent paymentIntent) {

    static final String INVALID_REQUEST = "invalid_request_error";
    static final String IDEMPOTENCY = "idempotency_error";

    Optional<String> declineOrCode() {
        return Optional.ofNullable(declineCode).or(() -> Optional.ofNullable(code));
    }

    /** The body of an error answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(StripeError error) {
    }
}
