package io.bookstore.orders.domain;

/** The result of a create: {@code replayed} when an earlier request with the same Idempotency-Key made the order. */
public record CreatedOrder(Order order, boolean replayed) {
}
