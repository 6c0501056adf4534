package io.bookstore.payments.domain;

import io.bookstore.contracts.OrderStatus;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code payments}: the one payment of an order. */
public record Payment(
        UUID orderId,
        String tenant,
        long amountCents,
        String currency,
        String paymentMethod,
        PaymentStatus status,
        String intentId,
        String declineCode,
        Map<String, String> traceContext,
        int attempts,
        String lastError,
        OrderStatus orderStatusReported,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public Payment {
        traceContext = Map.copyOf(traceContext);
    }

    public Optional<String> intent() {
        return Optional.ofNullable(intentId);
    }

    /** True once the outcome is final and orders has not yet accepted it. */
    public boolean needsReport() {
        return status.isFinal() && orderStatusReported != status.orderStatus();
    }
}
