package io.bookstore.catalog.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a request to move a reservation to {@code target} did. {@code target} {@code reserved}
 * is {@code order.created}'s: the reservation is the order's from then on.
 *
 * @param lacking the ISBNs whose stock was short, for {@link Result#SHORTFALL}; empty otherwise
 */
public record Transition(UUID orderId, ReservationStatus target, Result result, List<String> lacking) {

    public Transition {
        lacking = List.copyOf(lacking);
    }

    public Transition(UUID orderId, ReservationStatus target, Result result) {
        this(orderId, target, result, List.of());
    }

    public enum Result {
        /** The reservation was {@code reserved} and now is {@code target} (for {@code reserved}: and ordered). */
        APPLIED,
        /** The reservation already was {@code target} (for {@code reserved}: already ordered): nothing changed. */
        ALREADY_APPLIED,
        /** The order has no reservation of this tenant: nothing changed. */
        NO_RESERVATION,
        /** {@code order.created} came after the reaper had released the reservation, and took the stock again. */
        REINSTATED,
        /** {@code order.created} came after the reaper had released the reservation, and the stock was gone. */
        SHORTFALL
    }

    public boolean applied() {
        return result == Result.APPLIED;
    }
}
