package io.bookstore.orders.domain;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as stored: {@code version} counts its state changes, starting at 1; {@code traceId}
 * is the trace of the request that created it (32 lower-case hex digits), {@code null} for an
 * order created before orders stored it.
 */
public record Order(
        UUID id,
        String tenant,
        OrderStatus status,
        String currency,
        long totalCents,
        String paymentMethod,
        String paymentId,
        long version,
        List<OrderLine> lines,
        Instant createdAt,
        Instant updatedAt,
        String traceId) {

    public Order {
        lines = List.copyOf(lines);
    }
}
