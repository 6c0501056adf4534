package io.bookstore.orders.rest;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.orders.domain.StatusChange;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code PATCH /orders/{id}}: the payment outcome. */
@PaymentIdWhenPaid
public record StatusChangeRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = PAID + "|" + PAYMENT_FAILED, message = "must be " + PAID + " or " + PAYMENT_FAILED)
        String status,

        @Pattern(regexp = PAYMENT_ID, message = "must match " + PAYMENT_ID)
        String paymentId) {

    static final String PAID = "paid";
    static final String PAYMENT_FAILED = "payment_failed";
    /** The PSP's payment id ({@code pi_…} at Stripe); bounded, no spaces or separators. */
    public static final String PAYMENT_ID = "^[A-Za-z0-9_-]{1,255}$";

    /** The change this request asks for; only called on a request that passed validation. */
    public StatusChange toStatusChange() {
        return new StatusChange(OrderStatus.fromWire(status).orElseThrow(), paymentId);
    }
}
