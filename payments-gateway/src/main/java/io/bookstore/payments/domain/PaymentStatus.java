package io.bookstore.payments.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.WireNames;

/**
 * A payment's status: {@code creating} → {@code processing} → {@code succeeded} | {@code failed}.
 * A creation the PSP refuses outright goes from {@code creating} to {@code failed}, and an
 * outcome may arrive while the intent is still being recorded ({@code creating} → final).
 */
public enum PaymentStatus {
    CREATING,
    PROCESSING,
    SUCCEEDED,
    FAILED;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** The order status this outcome becomes at orders; only for a final status. */
    public OrderStatus orderStatus() {
        return switch (this) {
            case SUCCEEDED -> OrderStatus.PAID;
            case FAILED -> OrderStatus.PAYMENT_FAILED;
            default -> throw new IllegalStateException("a " + wire() + " payment has no order status yet");
        };
    }

    public static PaymentStatus fromWire(String value) {
        return WireNames.find(values(), value)
                .orElseThrow(() -> new IllegalArgumentException("unknown payment status: " + value));
    }
}
