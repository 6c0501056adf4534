package io.bookstore.recommendations.events;

/**
 * A record that can never be applied, however often it is tried: a broken envelope or
 * payload, or data the database refuses. It goes to the dead-letter topic with this
 * message as {@code dead-letter-reason}; the consumer moves on to the next record.
 */
public class PoisonEventException extends RuntimeException {

    private final String eventType;

    public PoisonEventException(String eventType, String message) {
        super(message);
        this.eventType = eventType;
    }

    public PoisonEventException(String eventType, String message, Throwable cause) {
        super(message, cause);
        this.eventType = eventType;
    }

    /** The record's ce_type as a metric tag value (see {@link ConsumerMetrics#eventTypeTag}). */
    public String eventType() {
        return eventType;
    }
}
