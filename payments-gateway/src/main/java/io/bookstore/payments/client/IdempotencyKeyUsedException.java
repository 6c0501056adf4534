package io.bookstore.payments.client;

/**
 * Stripe's {@code idempotency_error}: the Idempotency-Key was used before with other
 * parameters. For the gateway's probe (the order's key, {@code confirm=false}) this says that
 * the first creation request was executed at the PSP, so replaying it returns its intent.
 */
public class IdempotencyKeyUsedException extends RuntimeException {

    public IdempotencyKeyUsedException(String message) {
        super(message, null, false, false);
    }
}
