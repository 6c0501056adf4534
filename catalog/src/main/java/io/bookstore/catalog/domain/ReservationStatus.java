package io.bookstore.catalog.domain;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * The life of a reservation: stock is held while {@code reserved}, then either kept for
 * good ({@code sold}, the order was paid) or given back ({@code released}). Both are final.
 */
public enum ReservationStatus {
    RESERVED("reserved"),
    SOLD("sold"),
    RELEASED("released");

    private final String wire;

    ReservationStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean canBecome(ReservationStatus next) {
        return this == RESERVED && next != RESERVED;
    }

    public static ReservationStatus fromWire(String value) {
        return Arrays.stream(values())
                .filter(status -> status.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown reservation status: " + value));
    }
}
