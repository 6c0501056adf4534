package io.bookstore.contracts;

/**
 * Headers on a record of {@link Topics#ORDERS_DLQ}, next to the original record's own
 * headers, key and value. The names are those SmallRye Reactive Messaging's
 * dead-letter-queue failure strategy writes, so consumers built on it need no code of
 * their own to fill them.
 */
public final class DeadLetterHeaders {

    /** Why the consumer gave the record up: the failure's message. */
    public static final String REASON = "dead-letter-reason";
    /** The failure's cause, when it has one. */
    public static final String CAUSE = "dead-letter-cause";
    /** Where the record was read: topic, partition and offset. */
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }
}
