package io.bookstore.catalog.domain;

import java.util.List;
import java.util.UUID;

/** The stock held for one order, its items in ISBN order. */
public record Reservation(UUID orderId, String tenant, ReservationStatus status, List<ReservedItem> items) {

    public Reservation {
        items = List.copyOf(items);
    }
}
