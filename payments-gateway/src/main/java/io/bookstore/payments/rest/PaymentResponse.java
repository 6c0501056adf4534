package io.bookstore.payments.rest;

import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.domain.PaymentStatus;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payment as {@code GET /payments/{order_id}} shows it. */
public record PaymentResponse(UUID orderId, PaymentStatus status, String intentId, long amountCents, String currency,
                              String declineCode, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static PaymentResponse from(Payment payment) {
        return new PaymentResponse(payment.orderId(), payment.status(), payment.intentId(), payment.amountCents(),
                payment.currency(), payment.declineCode(), payment.createdAt(), payment.updatedAt());
    }
}
