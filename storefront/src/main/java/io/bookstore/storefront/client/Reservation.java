package io.bookstore.storefront.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stock catalog holds for an order: {@code reserved}, then {@code sold} or {@code released}.
 * {@code expiresAt} is the deadline for the order (absent from a reservation older than
 * expiry): catalog releases the stock after it unless the order was created.
 */
public record Reservation(UUID orderId, String status, List<ReservationItem> items, Instant expiresAt) {

    public static final String RELEASED = "released";

    public boolean isReleased() {
        return RELEASED.equals(status);
    }
}
