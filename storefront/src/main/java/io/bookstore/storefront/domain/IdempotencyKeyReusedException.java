package io.bookstore.storefront.domain;

/** The tenant already checked out a different basket under this Idempotency-Key. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different checkout");
    }
}
