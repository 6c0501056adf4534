package io.bookstore.catalog.rest;

import io.bookstore.catalog.domain.Reservation;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.ReservedItem;

import java.util.List;
import java.util.UUID;

/** A reservation on the wire: its items in ISBN order, each ISBN spelled as the catalog prints it. */
public record ReservationResponse(UUID orderId, ReservationStatus status, List<ReservedItem> items) {

    static ReservationResponse of(Reservation reservation) {
        return new ReservationResponse(reservation.orderId(), reservation.status(), reservation.items());
    }
}
