package io.bookstore.storefront.domain;

/** The checkout cannot go on in the state an earlier attempt under the same Idempotency-Key left. */
public class CheckoutConflictException extends RuntimeException {

    public CheckoutConflictException(String detail) {
        super(detail);
    }
}
