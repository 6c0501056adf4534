package io.bookstore.orders.rest;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.kit.http.AcrossFields;
import io.bookstore.kit.http.CheckedAcrossFields;
import io.bookstore.orders.domain.StatusChange;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/** Body of {@code PATCH /orders/{id}}: the payment outcome. */
@CheckedAcrossFields
public record StatusChangeRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = PAID + "|" + PAYMENT_FAILED, message = "must be " + PAID + " or " + PAYMENT_FAILED)
        String status,

        @Pattern(regexp = PAYMENT_ID, message = "must match " + PAYMENT_ID)
        String paymentId) implements AcrossFields {

    static final String PAID = "paid";
    static final String PAYMENT_FAILED = "payment_failed";
    /** The PSP's payment id ({@code pi_…} at Stripe); bounded, no spaces or separators. */
    public static final String PAYMENT_ID = "^[A-Za-z0-9_-]{1,255}$";

    /**
     * A paid order names the payment that paid it; a failed payment may have no id (the
     * provider can refuse before it creates one).
     */
    @Override
    public List<FieldViolation> violationsAcrossFields() {
        if (PAID.equals(status) && paymentId == null) {
            return List.of(FieldViolation.of("paymentId", "is required when status is paid"));
        }
        return List.of();
    }

    /** The change this request asks for; only called on a request that passed validation. */
    public StatusChange toStatusChange() {
        return new StatusChange(OrderStatus.fromWire(status).orElseThrow(), paymentId);
    }
}
