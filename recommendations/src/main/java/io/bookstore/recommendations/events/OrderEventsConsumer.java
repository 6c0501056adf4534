package io.bookstore.recommendations.events;

import io.bookstore.recommendations.config.RecommendationsConfig;
import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.service.PurchaseService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;

/**
 * Applies {@code order.paid} events of {@code bookstore.orders.v1} to the co-purchase and
 * popularity counts. A completed Uni acknowledges the record, so its offset is committed
 * only after the database transaction committed. A {@link PoisonEventException} fails it:
 * the connector writes it to the dead-letter topic and goes on. Any other failure is taken
 * for a passing one (database away, lock wait too long) and retried until it succeeds, so
 * the partition waits instead of losing a good record. Records of one channel are handled
 * one at a time, which keeps each order's events in order.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CHANNEL = "order-events";

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);
    private static final String MDC_TENANT = "tenant";
    /** SQLSTATE classes of errors caused by the data itself: data exceptions, integrity violations. */
    private static final String DATA_EXCEPTION = "22";
    private static final String INTEGRITY_VIOLATION = "23";

    private final OrderEventReader reader;
    private final PurchaseService purchases;
    private final ConsumerMetrics metrics;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    public OrderEventsConsumer(OrderEventReader reader, PurchaseService purchases, ConsumerMetrics metrics,
                               RecommendationsConfig config) {
        this.reader = reader;
        this.purchases = purchases;
        this.metrics = metrics;
        this.initialBackoff = config.consumer().retryInitialBackoff();
        this.maxBackoff = config.consumer().retryMaxBackoff();
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        // Every log line about the record, a dead-lettered one included, names its tenant.
        OrderEventReader.validTenant(record).ifPresent(tenant -> MDC.put(MDC_TENANT, tenant));
        return handle(record).eventually(() -> MDC.remove(MDC_TENANT));
    }

    private Uni<Void> handle(ConsumerRecord<String, String> record) {
        OrderEvent event;
        try {
            event = reader.read(record);
        } catch (PoisonEventException e) {
            return deadLetter(record, e);
        }
        if (event instanceof OrderEvent.Ignored ignored) {
            metrics.ignored(ignored.eventType(), ignored.tenant());
            return Uni.createFrom().voidItem();
        }
        Purchase purchase = ((OrderEvent.Paid) event).purchase();
        return applyUntilDone(purchase)
                .invoke(firstTime -> {
                    metrics.applied(purchase.eventType(), purchase.tenant(), firstTime);
                    // One line per paid order, under the consume span: the checkout's trace id is in it.
                    LOG.infof("Order %s paid (event %s): %s", purchase.orderId(), purchase.eventId(),
                            firstTime ? "counted" : "already counted");
                })
                .replaceWithVoid()
                .onFailure(PoisonEventException.class)
                .recoverWithUni(e -> deadLetter(record, (PoisonEventException) e));
    }

    /** Tries the transaction again, with growing pauses, for as long as it fails for a passing reason. */
    private Uni<Boolean> applyUntilDone(Purchase purchase) {
        Uni<Boolean> attempt = Uni.createFrom().deferred(() -> purchases.record(purchase));
        Context context = Vertx.currentContext();
        if (context != null) {
            // A retry is resubscribed from Mutiny's timer thread; back on the record's Vert.x
            // context it keeps the record's trace and MDC.
            attempt = attempt.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return attempt
                .onFailure(OrderEventsConsumer::refusedData)
                .transform(e -> new PoisonEventException(purchase.eventType(), "the database refused the event: " + e.getMessage(), e))
                .onFailure(e -> !(e instanceof PoisonEventException))
                .invoke(e -> LOG.warnf("Order %s paid (event %s) could not be counted, trying again: %s",
                        purchase.orderId(), purchase.eventId(), e.toString()))
                .onFailure(e -> !(e instanceof PoisonEventException))
                .retry().withBackOff(initialBackoff, maxBackoff).indefinitely();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, PoisonEventException e) {
        metrics.deadLettered(e.eventType());
        LOG.warnf("Record %s-%d@%d (key %s) goes to the dead-letter topic: %s",
                record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
        return Uni.createFrom().failure(e);
    }

    /** The event's own data broke a database rule: trying again would fail the same way. */
    private static boolean refusedData(Throwable failure) {
        return failure instanceof PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith(DATA_EXCEPTION) || pg.getSqlState().startsWith(INTEGRITY_VIOLATION));
    }
}
