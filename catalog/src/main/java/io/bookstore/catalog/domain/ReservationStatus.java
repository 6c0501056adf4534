package io.bookstore.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import io.bookstore.contracts.WireNames;

/**
 * The life of a reservation: stock is held while {@code reserved}, then either kept for
 * good ({@code sold}, the order was paid) or given back ({@code released}). Both are final
 * for {@link #canBecome}; the one way back, an {@code order.created} that finds its
 * reservation expired, is {@code ReservationService.markOrdered}'s alone.
 */
public enum ReservationStatus {
    RESERVED,
    SOLD,
    RELEASED;

    @JsonValue
    public String wire() {
        return WireNames.of(this);
    }

    public boolean canBecome(ReservationStatus next) {
        return this == RESERVED && next != RESERVED;
    }

    public static ReservationStatus fromWire(String value) {
        return WireNames.find(values(), value)
                .orElseThrow(() -> new IllegalArgumentException("unknown reservation status: " + value));
    }
}
