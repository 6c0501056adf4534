package io.bookstore.contracts;

/**
 * The PostgreSQL {@code NOTIFY} hint between orders and outbox-publisher: orders sends
 * it after each commit that wrote outbox rows; the publisher LISTENs and drains at once
 * instead of waiting for its timer. A lost hint only delays delivery.
 */
public final class OutboxNotify {

    public static final String CHANNEL = "bookstore_outbox";

    private OutboxNotify() {
    }
}
