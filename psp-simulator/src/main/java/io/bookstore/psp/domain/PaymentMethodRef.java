package io.bookstore.psp.domain;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The payment method an error names, as Stripe embeds it in {@code last_payment_error}. */
// Returned as RestResponse<Object>, so Quarkus cannot see it needs registering for native images.
@RegisterForReflection
public record PaymentMethodRef(String id, String object, String type) {

    public static PaymentMethodRef card(String id) {
        return new PaymentMethodRef(id, "payment_method", "card");
    }
}
