package io.bookstore.storefront.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stock catalog holds for an order: {@code reserved}, then {@code sold} or {@code released}.
 * Its items carry their books' prices as catalog answered the reservation, all in {@code currency}
 * (catalog refuses a reservation of books sold in different currencies). {@code expiresAt} is the
 * deadline for the order (absent from a reservation older than expiry): catalog releases the
 * stock after it unless the order was created.
 */
public record Reservation(UUID orderId, String status, String currency, List<Item> items, Instant expiresAt) {

    public static final String RELEASED = "released";

    /** Copies of one book, its ISBN as catalog prints it, at the book's price in minor units of the reservation's currency. */
    public record Item(String isbn, int qty, long unitPriceCents) {
    }

    public boolean isReleased() {
        return RELEASED.equals(status);
    }
}
