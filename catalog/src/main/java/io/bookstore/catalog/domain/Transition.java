package io.bookstore.catalog.domain;

import java.util.UUID;

/** What a request to move a reservation to {@code target} did. */
public record Transition(UUID orderId, ReservationStatus target, Result result) {

    public enum Result {
        /** The reservation was {@code reserved} and now is {@code target}. */
        APPLIED,
        /** The reservation already was {@code target}: nothing changed. */
        ALREADY_APPLIED,
        /** The order has no reservation of this tenant: nothing changed. */
        NO_RESERVATION
    }

    public boolean applied() {
        return result == Result.APPLIED;
    }
}
