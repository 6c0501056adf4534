package io.bookstore.catalog.events;

/**
 * A record that no retry can make processable: a broken envelope or payload, or an event
 * that contradicts the recorded state. The consumer sends it to the dead-letter topic, with
 * this message as its {@code dead-letter-reason}, and moves on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
