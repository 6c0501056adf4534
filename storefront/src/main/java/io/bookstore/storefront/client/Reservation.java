package io.bookstore.storefront.client;

import java.util.List;
import java.util.UUID;

/** Stock catalog holds for an order: {@code reserved}, then {@code sold} or {@code released}. */
public record Reservation(UUID orderId, String status, List<ReservationItem> items) {

    public static final String RELEASED = "released";

    public boolean isReleased() {
        return RELEASED.equals(status);
    }
}
