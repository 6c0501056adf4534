package io.bookstore.orders.domain;

import java.util.UUID;

/**
 * The caller chose an order id that an existing order already has, and the request is not a
 * replay of that order's Idempotency-Key: the existing order is never replaced nor doubled.
 */
public class OrderIdTakenException extends RuntimeException {

    public OrderIdTakenException(UUID id) {
        super("an order " + id + " already exists; send its Idempotency-Key to replay it, or choose another order_id");
    }
}
