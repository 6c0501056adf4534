package io.bookstore.outbox.events;

import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What became of one row's send.
 *
 * @param ackNanos {@link System#nanoTime()} of the acknowledgement, when acked
 * @param span     the produce span, when one was started (for exemplars)
 * @param error    why it failed, when it did
 */
public record SendOutcome(OutboxEvent event, Status status, long ackNanos, SpanContext span, String error) {

    public enum Status {
        /** Kafka acknowledged the record to all in-sync replicas. */
        ACKED,
        /** Failed for a passing reason (broker down, timeout, access): try again later. */
        RETRY,
        /** The row itself can never be sent: move it to outbox_dead. */
        POISON
    }

    public static SendOutcome acked(OutboxEvent event, long ackNanos, SpanContext span) {
        return new SendOutcome(event, Status.ACKED, ackNanos, span, null);
    }

    public static SendOutcome failed(OutboxEvent event, SpanContext span, Throwable error) {
        return new SendOutcome(event, isPoison(error) ? Status.POISON : Status.RETRY, 0, span, describe(error));
    }

    /** A row claimed more often than allowed: whatever keeps failing it, it is not sent again. */
    public static SendOutcome exhausted(OutboxEvent event, int maxAttempts) {
        String last = event.lastError() == null ? "none recorded" : event.lastError();
        return new SendOutcome(event, Status.POISON, 0, SpanContext.getInvalid(),
                "not acknowledged after " + maxAttempts + " attempts; last error: " + last);
    }

    /**
     * Poison means the record is at fault. Errors that Kafka calls non-retriable but that
     * come from the cluster or its configuration (authorization, unknown topic) are not the
     * row's fault: dead-lettering every row during a misconfiguration would lose the lot.
     */
    static boolean isPoison(Throwable error) {
        return error instanceof InvalidEventException
                || error instanceof RecordTooLargeException
                || error instanceof SerializationException
                || error instanceof InvalidRecordException;
    }

    static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }
}
