package io.bookstore.orders.rest;

/** The request body is larger than {@code bookstore.orders.max-body-size}. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("the request body must not exceed " + limitBytes + " bytes");
    }
}
