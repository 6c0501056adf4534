package io.bookstore.orders.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.orders.domain.Order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of every orders response; {@code payment_id} appears once a payment outcome set it.
 * {@code trace_id} is the trace of the request that created the order, {@code null} for an
 * order older than that record.
 */
public record OrderResponse(
        UUID orderId,
        String tenant,
        OrderStatus status,
        String currency,
        long totalCents,
        String paymentMethod,
        @JsonInclude(JsonInclude.Include.NON_NULL) String paymentId,
        long version,
        List<OrderLine> lines,
        Instant createdAt,
        Instant updatedAt,
        String traceId) {

    public static OrderResponse from(Order order) {
        return new OrderResponse(order.id(), order.tenant(), order.status(), order.currency(), order.totalCents(),
                order.paymentMethod(), order.paymentId(), order.version(), order.lines(), order.createdAt(),
                order.updatedAt(), order.traceId());
    }
}
