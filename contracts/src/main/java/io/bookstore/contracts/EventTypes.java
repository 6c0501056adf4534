package io.bookstore.contracts;

import java.util.List;

/** The {@code ce_type} values on {@link Topics#ORDERS}. */
public final class EventTypes {

    public static final String ORDER_CREATED = "order.created";
    public static final String ORDER_PAID = "order.paid";
    public static final String ORDER_PAYMENT_FAILED = "order.payment_failed";

    public static final List<String> ALL = List.of(ORDER_CREATED, ORDER_PAID, ORDER_PAYMENT_FAILED);

    private EventTypes() {
    }
}
