package io.bookstore.catalog.domain;

import io.bookstore.contracts.WireNames;

/** Why a reservation gave its stock back; stored as {@code reservations.release_reason}. */
public enum ReleaseReason {
    /** The storefront released it: orders refused the order. */
    CANCELLED,
    /** {@code order.payment_failed}. */
    PAYMENT_FAILED,
    /** No {@code order.created} within the window and its grace: the reaper released it. */
    EXPIRED;

    public String wire() {
        return WireNames.of(this);
    }

    public static ReleaseReason fromWire(String value) {
        return WireNames.find(values(), value)
                .orElseThrow(() -> new IllegalArgumentException("unknown release reason: " + value));
    }
}
