package io.bookstore.payments.client;

/** An authentic webhook whose body is not an event this endpoint can read: answered 400. */
public class MalformedWebhookException extends RuntimeException {

    public MalformedWebhookException(String message) {
        super(message, null, false, false);
    }
}
