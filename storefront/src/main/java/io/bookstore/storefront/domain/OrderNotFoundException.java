package io.bookstore.storefront.domain;

/** No order with this id belongs to the requesting tenant. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(String id) {
        super("no order " + id);
    }
}
