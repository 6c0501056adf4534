package io.bookstore.catalog.service;

import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.Transition;
import io.bookstore.catalog.repository.ProcessedEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Applies order events to reservations exactly once per event id: the event id is recorded
 * in the same transaction as the reservation change, so a redelivered event finds it and
 * changes nothing, and a failed change leaves no record of the event.
 */
@ApplicationScoped
public class OrderEventService {

    private static final Logger LOG = Logger.getLogger(OrderEventService.class);

    public enum Outcome {
        /** First delivery: the event was applied (which may have changed nothing, see {@link Transition.Result}). */
        PROCESSED,
        /** The event id was applied before: nothing was done. */
        DUPLICATE
    }

    private final Pool pool;
    private final ProcessedEventRepository processedEvents;
    private final ReservationService reservations;

    public OrderEventService(Pool pool, ProcessedEventRepository processedEvents, ReservationService reservations) {
        this.pool = pool;
        this.processedEvents = processedEvents;
        this.reservations = reservations;
    }

    /**
     * Fails with {@link ReservationConflictException} when the reservation already reached the
     * other final status (order.paid for a released one, order.payment_failed for a sold one);
     * nothing is recorded then. Any other failure is the database's and may pass on retry.
     */
    public Uni<Outcome> apply(ReservationEvent event) {
        return pool.withTransaction(conn -> processedEvents.insertIfAbsent(conn, event.eventId(), event.eventType())
                        .flatMap(first -> first
                                ? transition(conn, event).map(Optional::of)
                                : Uni.createFrom().item(Optional.<Transition>empty())))
                // Past withTransaction: the transaction has committed.
                .map(applied -> applied.map(transition -> processed(event, transition)).orElse(Outcome.DUPLICATE));
    }

    private Outcome processed(ReservationEvent event, Transition transition) {
        reservations.committed(event.tenant(), transition);
        if (transition.result() == Transition.Result.NO_RESERVATION) {
            // An order placed without a storefront reservation: nothing of it is held here.
            LOG.debugf("Order %s has no reservation of tenant %s: %s %s changes nothing",
                    event.orderId(), event.tenant(), event.eventType(), event.eventId());
        }
        return Outcome.PROCESSED;
    }

    private Uni<Transition> transition(SqlConnection conn, ReservationEvent event) {
        return event.target() == ReservationStatus.SOLD
                ? reservations.markSold(conn, event.orderId(), event.tenant())
                : reservations.release(conn, event.orderId(), event.tenant());
    }
}
