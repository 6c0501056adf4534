package io.bookstore.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The stock held for one order, its items in ISBN order.
 *
 * @param expiresAt when the order must exist by (orders' database clock), or null for a reservation made
 *                  before reservations expired
 * @param ordered   whether {@code order.created} arrived: then the order's payment outcome ends it, not the window
 * @param releaseReason why a {@code released} reservation gave its stock back; null for any other
 */
public record Reservation(UUID orderId, String tenant, ReservationStatus status, List<ReservedItem> items, Instant expiresAt,
                          boolean ordered, ReleaseReason releaseReason) {

    public Reservation {
        items = List.copyOf(items);
    }
}
