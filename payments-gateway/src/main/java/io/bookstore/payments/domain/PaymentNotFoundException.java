package io.bookstore.payments.domain;

/** No payment for this order, for this tenant. */
public class PaymentNotFoundException extends RuntimeException {

    public PaymentNotFoundException(String orderId) {
        super("no payment for order " + orderId, null, false, false);
    }
}
