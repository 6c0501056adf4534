package io.bookstore.orders.domain;

/** The tenant already used this Idempotency-Key for a request with a different body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different order request");
    }
}
