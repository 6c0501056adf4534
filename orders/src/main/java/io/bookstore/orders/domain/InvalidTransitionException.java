package io.bookstore.orders.domain;

/** The order's current state does not allow the requested change. */
public class InvalidTransitionException extends RuntimeException {

    public InvalidTransitionException(String message) {
        super(message);
    }
}
