package io.bookstore.outbox.events;

import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
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
        /**
         * Failed for a passing reason (broker down, topic missing or leaderless, timeout, too few
         * in-sync replicas, access, a broken producer): try again later, however often it takes.
         */
        RETRY,
        /** The row itself can never be sent: move it to outbox_dead. The only failure that does. */
        POISON
    }

    public static SendOutcome acked(OutboxEvent event, long ackNanos, SpanContext span) {
        return new SendOutcome(event, Status.ACKED, ackNanos, span, null);
    }

    public static SendOutcome failed(OutboxEvent event, SpanContext span, Throwable error) {
        return new SendOutcome(event, isPoison(error) ? Status.POISON : Status.RETRY, 0, span, describe(error));
    }

    /**
     * Poison means the record is at fault. Errors that Kafka calls non-retriable but that
     * come from the cluster or its configuration (authorization, an invalid topic name, an
     * unsupported version) are not the row's fault: dead-lettering every row during a
     * misconfiguration would lose the lot, where retrying delivers it once someone fixes it.
     */
    static boolean isPoison(Throwable error) {
        return error instanceof InvalidEventException
                || error instanceof RecordTooLargeException
                || error instanceof SerializationException
                || error instanceof InvalidRecordException;
    }

    /**
     * Whether the producer that reported {@code error} may be unusable from now on, so that
     * it must be closed and built again. Kafka marks what a working producer outlives with
     * {@link RetriableException}; what is left once the row's own faults are set apart is a
     * closed producer ({@link IllegalStateException}), a fenced one (the
     * {@code ApplicationRecoverableException}s, which Kafka says to answer with a new
     * producer) or an idempotent producer in its fatal state, which fails every later send
     * with the error that put it there ({@code ClusterAuthorizationException},
     * {@code UnsupportedVersionException}, ...). A new producer after an error it would not
     * have needed costs one connection and one metadata fetch.
     */
    public static boolean breaksProducer(Throwable error) {
        return !(error instanceof RetriableException) && !isPoison(error);
    }

    static String describe(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }
}
