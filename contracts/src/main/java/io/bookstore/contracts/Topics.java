package io.bookstore.contracts;

/** Kafka topics of the platform. */
public final class Topics {

    /** Order lifecycle events, keyed by order id so that one order's events stay in order. */
    public static final String ORDERS = "bookstore.orders.v1";

    /** Records of {@link #ORDERS} that a consumer could not process, with the error in headers. */
    public static final String ORDERS_DLQ = ORDERS + ".dlq";

    private Topics() {
    }
}
