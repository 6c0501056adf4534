package io.bookstore.payments.client;

/** orders could not take the outcome now (5xx, 429, unreachable, slow, or the circuit is open): it is reported later. */
public class OrdersUnavailableException extends RuntimeException {

    public OrdersUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
