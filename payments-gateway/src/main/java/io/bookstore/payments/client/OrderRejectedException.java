package io.bookstore.payments.client;

/**
 * orders refused the outcome (404: no such order for the tenant; 409: the order already has
 * another outcome; 400). Sending it again cannot change that.
 */
public class OrderRejectedException extends RuntimeException {

    public OrderRejectedException(int status, String body) {
        super("orders answered HTTP " + status + ": " + body, null, false, false);
    }
}
