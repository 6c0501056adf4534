package io.bookstore.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code order.paid}: the provider confirmed the payment; the lines say what was sold. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record OrderPaid(
        UUID orderId,
        String tenant,
        long version,
        String paymentId,
        String currency,
        long totalCents,
        List<OrderLine> lines,
        Instant paidAt) implements OrderEvent {
}
