package io.bookstore.payments.client;

/**
 * The PSP did not give an answer to act on: 5xx, 429, an authentication or idempotency
 * conflict, or an unreadable body. Retrying later, with the same Idempotency-Key, is safe.
 */
public class PspUnavailableException extends RuntimeException {

    public PspUnavailableException(String message) {
        super(message, null, false, false);
    }
}
