package io.bookstore.kit.kafka;

import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.events.OrderEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The consume loop of a CloudEvents channel, for a service's {@code @Incoming} method to
 * return: {@code return consumer.consume(record, payloadReaders, handler);}.
 *
 * <p>A completed Uni acknowledges the record, and the channel's throttled commit strategy
 * commits an offset only once every earlier record of its partition was acknowledged, so an
 * offset is committed only after the database work of its record committed. The event's
 * {@code ce_id} is recorded in the same transaction as the work, so a redelivered record
 * changes nothing ({@code duplicate}). A failed Uni is always a {@link PoisonEventException}:
 * the channel's dead-letter strategy writes the record to the dead-letter topic with the
 * reason in headers, and the partition moves on. A failure of the work is poison when the
 * handler names it ({@link CloudEventHandler#poisonReason}) or when the database refused
 * the work for good ({@link DatabaseFailures}: an SQLSTATE other than a connection, rollback,
 * resource, operator or lock-timeout one). Any other failure is retried with back-off until
 * it passes, so the partition waits for the database instead of losing a good record.
 *
 * <p>Log lines about a record carry its tenant (MDC {@value #MDC_TENANT}, as on HTTP requests).
 */
@ApplicationScoped
public class CloudEventConsumer {

    static final String MDC_TENANT = "tenant";

    private static final Logger LOG = Logger.getLogger(CloudEventConsumer.class);

    private final Pool pool;
    private final ProcessedEvents processedEvents;
    private final ConsumerMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public CloudEventConsumer(Pool pool, ProcessedEvents processedEvents, ConsumerMetrics metrics, EventConsumerConfig config) {
        this.pool = pool;
        this.processedEvents = processedEvents;
        this.metrics = metrics;
        this.initialBackoff = config.retry().initialBackoff();
        this.maxBackoff = config.retry().maxBackoff();
    }

    /**
     * Handles one record. {@code payloadReaders} has a reader of the payload (of
     * {@code contracts.events}, a {@code P}) of each {@code ce_type} the service acts on; a
     * record of any other type is acknowledged and counted {@code ignored}, its envelope
     * unchecked: it belongs to other consumers.
     */
    public <P extends OrderEvent, E, R> Uni<Void> consume(ConsumerRecord<String, String> record, Map<String, ObjectReader> payloadReaders,
                                                          CloudEventHandler<P, E, R> handler) {
        CloudEventEnvelope.validTenant(record).ifPresent(tenant -> MDC.put(MDC_TENANT, tenant));
        return Uni.createFrom().deferred(() -> handle(record, payloadReaders, handler))
                .eventually(() -> MDC.remove(MDC_TENANT));
    }

    private <P extends OrderEvent, E, R> Uni<Void> handle(ConsumerRecord<String, String> record, Map<String, ObjectReader> readers,
                                                          CloudEventHandler<P, E, R> handler) {
        Optional<String> type = CloudEventEnvelope.header(record, CloudEventHeaders.TYPE);
        if (type.isPresent() && !readers.containsKey(type.get())) {
            LOG.debugf("Ignoring %s event of %s", type.get(), record.key());
            metrics.ignored(type.get(), CloudEventEnvelope.header(record, CloudEventHeaders.TENANT).orElse(null));
            return Uni.createFrom().voidItem();
        }
        CloudEventEnvelope envelope;
        E event;
        try {
            envelope = CloudEventEnvelope.read(record);
            event = handler.read(envelope, envelope.payload(record.value(), readers.get(envelope.type())));
        } catch (PoisonEventException e) {
            // A malformed record is its producer's bug.
            return deadLetter(record, e, Logger.Level.WARN);
        }
        // Captured here, on the record's context, where every try of the work and of the step after it runs.
        Context context = Vertx.currentContext();
        return untilDone(() -> once(envelope, event, handler), envelope, record, context)
                .flatMap(outcome -> {
                    if (!outcome.first()) {
                        metrics.duplicate(envelope.type(), envelope.tenant());
                        LOG.infof("%s %s of %s was processed before: nothing to do", envelope.type(), envelope.id(), record.key());
                        return Uni.createFrom().voidItem();
                    }
                    metrics.processed(envelope.type(), envelope.tenant());
                    return untilDone(() -> handler.committed(event, outcome.result()), envelope, record, context);
                })
                // An event the service's data refuses means two services disagree about an
                // order, which a person has to settle.
                .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetter(record, (PoisonEventException) e, Logger.Level.ERROR));
    }

    /** The work and the event id in one transaction; not {@code first} when the id was there already. */
    private <E, R> Uni<Outcome<R>> once(CloudEventEnvelope envelope, E event, CloudEventHandler<?, E, R> handler) {
        AtomicBoolean begun = new AtomicBoolean();
        return pool.withTransaction(conn -> {
                    begun.set(true);
                    return processedEvents.markProcessed(conn, envelope.id(), envelope.type())
                            .flatMap(first -> first
                                    ? handler.apply(conn, event).map(result -> new Outcome<>(true, result))
                                    : Uni.createFrom().item(new Outcome<R>(false, null)));
                })
                .onFailure().transform(e -> poisonReason(e, begun.get(), handler)
                        .<Throwable>map(reason -> new PoisonEventException(envelope.type(), reason, e))
                        .orElse(e));
    }

    /**
     * Why a failed try of the work can never pass: the handler's own reason, else the
     * database's permanent refusal. A failure before the transaction began (no connection, a
     * server refusing connections with an SQLSTATE of its own, such as a database closed to
     * connections) is about the database, not the record, and always passing.
     */
    private static Optional<String> poisonReason(Throwable failure, boolean begun, CloudEventHandler<?, ?, ?> handler) {
        return begun
                ? handler.poisonReason(failure).or(() -> DatabaseFailures.permanentReason(failure))
                : Optional.empty();
    }

    /** Tries {@code step} again, with growing pauses, for as long as it fails for a passing reason. */
    private <T> Uni<T> untilDone(Supplier<Uni<T>> step, CloudEventEnvelope envelope, ConsumerRecord<String, String> record,
                                 Context context) {
        Uni<T> attempt = Uni.createFrom().deferred(step::get);
        if (context != null) {
            // A failure may come on another thread than the record's (a client library's
            // own), and Mutiny resubscribes the retry from wherever the failure came. Each try
            // on the record's Vert.x context keeps the record's trace (its spans stay children
            // of the consume span) and its MDC.
            attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return attempt
                .onFailure(CloudEventConsumer::isTransient).invoke(e -> LOG.warnf(
                        "%s %s of %s failed, trying again: %s", envelope.type(), envelope.id(), record.key(), e))
                .onFailure(CloudEventConsumer::isTransient).retry()
                .withBackOff(initialBackoff, maxBackoff)
                .indefinitely();
    }

    /** Fails the record, so that the channel's dead-letter strategy writes it to the dead-letter topic. */
    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, PoisonEventException e, Logger.Level level) {
        LOG.logf(level, "Sending record %s-%d@%d (%s, key %s, tenant %s) to the dead-letter topic: %s",
                record.topic(), record.partition(), record.offset(), e.eventType() == null ? "no ce_type" : e.eventType(),
                record.key(), CloudEventEnvelope.validTenant(record).orElse(BusinessMetrics.UNKNOWN_TENANT), e.getMessage());
        metrics.deadLettered(e.eventType());
        return Uni.createFrom().failure(e);
    }

    private static boolean isTransient(Throwable e) {
        return !(e instanceof PoisonEventException);
    }

    /** What one transaction did: the work's result when the event was new to it. */
    private record Outcome<R>(boolean first, R result) {
    }
}
