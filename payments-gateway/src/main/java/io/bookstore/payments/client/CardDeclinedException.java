package io.bookstore.payments.client;

/**
 * A 402 answer: the PSP created the intent and the card was declined. The intent is in the
 * body; the outcome still comes by webhook or polling, like any other.
 */
public class CardDeclinedException extends RuntimeException {

    private final transient PaymentIntent intent;

    public CardDeclinedException(PaymentIntent intent, String message) {
        super(message, null, false, false);
        this.intent = intent;
    }

    public PaymentIntent intent() {
        return intent;
    }
}
