package io.bookstore.kit.kafka;

/**
 * A record that no retry can make processable: a broken envelope or payload, or an event
 * the service's state or database refuses for good. {@link CloudEventConsumer} sends it to
 * the dead-letter topic, with this message as its {@code dead-letter-reason}, and the
 * partition moves on.
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

    /** The record's {@code ce_type} as read, possibly null: {@link ConsumerMetrics} bounds it as a tag value. */
    public String eventType() {
        return eventType;
    }
}
