package io.bookstore.psp.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Stripe's error object: the body of every error answer ({@code {"error": …}}) and the
 * {@code last_payment_error} of a declined intent. Absent fields are left out, as Stripe does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
// Returned as RestResponse<Object>, so Quarkus cannot see it needs registering for native images.
@RegisterForReflection
public record ApiError(String type,
                       String code,
                       String declineCode,
                       String param,
                       String message,
                       PaymentIntent paymentIntent,
                       PaymentMethodRef paymentMethod) {

    public static final String INVALID_REQUEST = "invalid_request_error";
    public static final String CARD_ERROR = "card_error";
    public static final String API_ERROR = "api_error";
    public static final String IDEMPOTENCY_ERROR = "idempotency_error";

    public static ApiError invalidRequest(String param, String code, String message) {
        return new ApiError(INVALID_REQUEST, code, null, param, message, null, null);
    }

    public static ApiError of(String type, String message) {
        return new ApiError(type, null, null, null, message, null, null);
    }

    public ApiError withPaymentIntent(PaymentIntent intent) {
        return new ApiError(type, code, declineCode, param, message, intent, paymentMethod);
    }

    /** The body of an error answer. */
    public record Body(ApiError error) {
    }
}
