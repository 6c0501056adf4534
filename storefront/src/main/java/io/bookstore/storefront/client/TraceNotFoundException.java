package io.bookstore.storefront.client;

/** The trace store has no such trace (yet: spans arrive a moment after the request that made them). */
public class TraceNotFoundException extends RuntimeException {

    public TraceNotFoundException() {
        super("the trace store has no such trace", null, false, false);
    }
}
