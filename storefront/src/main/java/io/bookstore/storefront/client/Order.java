package io.bookstore.storefront.client;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as orders answers it, reduced to what a shopper sees: the tenant, version,
 * payment method and payment id stay inside the platform. {@code traceId} is the trace of the
 * checkout that made it ({@code null} for an order older than orders' record of it), which the
 * order page shows.
 */
public record Order(
        UUID orderId,
        OrderStatus status,
        String currency,
        long totalCents,
        List<OrderLine> lines,
        Instant createdAt,
        Instant updatedAt,
        String traceId) {
}
