package io.bookstore.orders.domain;

import io.bookstore.contracts.OrderStatus;

/** What the payment outcome asks of an order: a final status and the payment that decided it. */
public record StatusChange(OrderStatus target, String paymentId) {
}
