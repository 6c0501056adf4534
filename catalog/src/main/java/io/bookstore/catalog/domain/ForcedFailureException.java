package io.bookstore.catalog.domain;

/** A failure asked for by the demonstration item; it answers as any server fault does (500). */
public class ForcedFailureException extends RuntimeException {

    public ForcedFailureException(String isbn) {
        super("Forced failure: the reservation contains " + isbn + " (" + Book.FORCED_FAILURE_TITLE
                + ") and bookstore.catalog.forced-failures.enabled is true");
    }
}
