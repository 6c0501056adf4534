package io.bookstore.psp.domain;

/** The payment method an error names, as Stripe embeds it in {@code last_payment_error}. */
public record PaymentMethodRef(String id, String object, String type) {

    public static PaymentMethodRef card(String id) {
        return new PaymentMethodRef(id, "payment_method", "card");
    }
}
