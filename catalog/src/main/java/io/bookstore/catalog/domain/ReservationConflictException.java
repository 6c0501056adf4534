package io.bookstore.catalog.domain;

/** The request contradicts what is already recorded for the order: other items, or a final status. */
public class ReservationConflictException extends RuntimeException {

    public ReservationConflictException(String message) {
        super(message);
    }
}
