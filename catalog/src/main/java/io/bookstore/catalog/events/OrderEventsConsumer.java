package io.bookstore.catalog.events;

import io.bookstore.catalog.config.OrderEventsConfig;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.service.OrderEventService;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Tenants;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Optional;

/**
 * Settles reservations from {@code bookstore.orders.v1}: {@code order.paid} sells the
 * reserved stock, {@code order.payment_failed} returns it, other types are ignored.
 *
 * <p>A completed Uni acknowledges the record, and the channel commits an offset only once
 * every earlier record of its partition was acknowledged, so an offset is committed only
 * after the database work of its record committed. A failed Uni is always a
 * {@link PoisonEventException}: the channel's dead-letter strategy writes the record to
 * {@code bookstore.orders.v1.dlq} with the reason in headers and moves on. Any other failure
 * is retried with back-off until it passes, so the partition waits for the database instead
 * of losing a good record.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    static final String CHANNEL = "order-events";

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);
    /** The MDC key the HTTP requests use too (TenantFilter), so JSON logs carry the tenant either way. */
    private static final String MDC_TENANT = "tenant";

    private final OrderEventReader reader;
    private final OrderEventService events;
    private final ConsumerMetrics metrics;
    private final OrderEventsConfig config;

    public OrderEventsConsumer(OrderEventReader reader, OrderEventService events, ConsumerMetrics metrics, OrderEventsConfig config) {
        this.reader = reader;
        this.events = events;
        this.metrics = metrics;
        this.config = config;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        Optional<String> tenant = OrderEventReader.header(record, CloudEventHeaders.TENANT).filter(Tenants::isValid);
        tenant.ifPresent(value -> MDC.put(MDC_TENANT, value));
        Optional<String> type = OrderEventReader.header(record, CloudEventHeaders.TYPE);
        Uni<Void> handled;
        if (type.isPresent() && !reader.handles(type.get())) {
            LOG.debugf("Ignoring %s event of order %s", type.get(), record.key());
            metrics.ignored(type.get(), tenant);
            handled = Uni.createFrom().voidItem();
        } else {
            handled = Uni.createFrom().deferred(() -> apply(reader.read(record)))
                    .onFailure(PoisonEventException.class).invoke(e -> deadLettered(record, type.orElse(null), e));
        }
        return handled.eventually(() -> MDC.remove(MDC_TENANT));
    }

    private Uni<Void> apply(ReservationEvent event) {
        return Uni.createFrom().deferred(() -> events.apply(event))
                // Retrying cannot turn a sold reservation into a released one or back: the event and the state disagree for good.
                .onFailure(ReservationConflictException.class).transform(e -> new PoisonEventException(e.getMessage(), e))
                .onFailure(OrderEventsConsumer::isTransient).invoke(e -> LOG.warnf(
                        "Applying %s %s to order %s failed, retrying: %s", event.eventType(), event.eventId(), event.orderId(), e))
                .onFailure(OrderEventsConsumer::isTransient).retry()
                .withBackOff(config.retry().initialBackoff(), config.retry().maxBackoff())
                .indefinitely()
                .invoke(outcome -> metrics.applied(event, outcome))
                .replaceWithVoid();
    }

    private void deadLettered(ConsumerRecord<String, String> record, String type, Throwable e) {
        // A malformed record is its producer's bug; an event that contradicts the reservation
        // means two services disagree about an order, which a person has to settle.
        Logger.Level level = e.getCause() instanceof ReservationConflictException ? Logger.Level.ERROR : Logger.Level.WARN;
        LOG.logf(level, "Sending the %s record at %s-%d@%d (order %s) to the dead-letter topic: %s",
                type, record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
        metrics.deadLettered(type);
    }

    private static boolean isTransient(Throwable e) {
        return !(e instanceof PoisonEventException);
    }
}
