package io.bookstore.psp.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.SortedMap;

/**
 * Stripe's PaymentIntent object, with the fields a card payment uses. Nullable fields are
 * written as {@code null} and fields are in Stripe's order (id and object first, then by name). Immutable: a change is a new value in the store.
 */
@JsonPropertyOrder({"id", "object", "amount", "amount_received", "canceled_at", "cancellation_reason", "capture_method", "client_secret", "confirmation_method", "created",
        "currency", "description", "last_payment_error", "livemode", "metadata", "payment_method", "payment_method_types", "status"})
// Returned as RestResponse<Object>, so Quarkus cannot see it needs registering for native images.
@RegisterForReflection
public record PaymentIntent(String id,
                            long amount,
                            long amountReceived,
                            Long canceledAt,
                            String cancellationReason,
                            String clientSecret,
                            long created,
                            String currency,
                            String description,
                            ApiError lastPaymentError,
                            SortedMap<String, String> metadata,
                            String paymentMethod,
                            List<String> paymentMethodTypes,
                            IntentStatus status) {

    /** A new intent, not yet confirmed: it waits for confirmation once it has a payment method. */
    public static PaymentIntent open(String id, NewIntent params, long createdEpochSecond) {
        return new PaymentIntent(id, params.amount(), 0, null, null, Ids.clientSecret(id), createdEpochSecond, params.currency(),
                params.description().orElse(null), null, params.metadata(), params.paymentMethod().orElse(null),
                params.paymentMethodTypes(),
                params.paymentMethod().isPresent() ? IntentStatus.REQUIRES_CONFIRMATION : IntentStatus.REQUIRES_PAYMENT_METHOD);
    }

    @JsonProperty("object")
    public String object() {
        return "payment_intent";
    }

    @JsonProperty("livemode")
    public boolean livemode() {
        return false;
    }

    @JsonProperty("capture_method")
    public String captureMethod() {
        return "automatic";
    }

    @JsonProperty("confirmation_method")
    public String confirmationMethod() {
        return "automatic";
    }

    public PaymentIntent succeeded(String paymentMethod) {
        return new PaymentIntent(id, amount, amount, null, null, clientSecret, created, currency, description, null, metadata,
                paymentMethod, paymentMethodTypes, IntentStatus.SUCCEEDED);
    }

    /** Like Stripe, a failed payment detaches its payment method; the error still names it. */
    public PaymentIntent declined(ApiError error) {
        return new PaymentIntent(id, amount, 0, null, null, clientSecret, created, currency, description, error, metadata,
                null, paymentMethodTypes, IntentStatus.REQUIRES_PAYMENT_METHOD);
    }

    /** Canceled, as Stripe leaves it: the last payment error (of a declined card) stays, nothing is received. */
    public PaymentIntent canceled(long canceledAtEpochSecond, String reason) {
        return new PaymentIntent(id, amount, 0, canceledAtEpochSecond, reason, clientSecret, created, currency, description,
                lastPaymentError, metadata, paymentMethod, paymentMethodTypes, IntentStatus.CANCELED);
    }
}
