package io.bookstore.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookstore.catalog.domain.Reservation;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.ReservedItem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation on the wire: its items in ISBN order, each ISBN spelled as the catalog prints it.
 * {@code expires_at} (RFC 3339, catalog's database clock) is the deadline for its order, which the
 * storefront passes on to orders; absent for a reservation made before reservations expired.
 */
public record ReservationResponse(UUID orderId, ReservationStatus status, List<ReservedItem> items,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt) {

    static ReservationResponse of(Reservation reservation) {
        return new ReservationResponse(reservation.orderId(), reservation.status(), reservation.items(), reservation.expiresAt());
    }
}
