package io.bookstore.orders.domain;

/** No order with this id belongs to the requesting tenant; another tenant's order is not found either. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(String id) {
        super("no order " + id);
    }
}
