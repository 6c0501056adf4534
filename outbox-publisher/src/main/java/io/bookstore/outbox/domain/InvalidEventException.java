package io.bookstore.outbox.domain;

/** An outbox row that cannot become a valid event, however often it is tried. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
