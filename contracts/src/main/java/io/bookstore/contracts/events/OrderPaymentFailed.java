package io.bookstore.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** {@code order.payment_failed}: the provider declined or failed the payment; stock is to be released. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@RegisterForReflection
public record OrderPaymentFailed(
        UUID orderId,
        String tenant,
        long version,
        String paymentId,
        Instant failedAt) implements OrderEvent {
}
