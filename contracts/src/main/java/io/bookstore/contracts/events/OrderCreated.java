package io.bookstore.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code order.created}: an order was accepted and waits for payment. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record OrderCreated(
        UUID orderId,
        String tenant,
        long version,
        String currency,
        long totalCents,
        String paymentMethod,
        List<OrderLine> lines,
        Instant createdAt) implements OrderEvent {
}
