package io.bookstore.catalog.service;

import io.bookstore.catalog.domain.ReleaseReason;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.domain.Transition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Changes reservations from order events: order.created makes a reservation its order's,
 * order.paid and order.payment_failed settle it. The change runs on the caller's transaction, the
 * one that records the event id (kit-kafka's {@code CloudEventConsumer}), so a redelivered
 * event finds its id and changes nothing, and a failed change leaves no record of the event.
 */
@ApplicationScoped
public class OrderEventService {

    private static final Logger LOG = Logger.getLogger(OrderEventService.class);

    private final ReservationService reservations;

    public OrderEventService(ReservationService reservations) {
        this.reservations = reservations;
    }

    /**
     * Fails with {@link ReservationConflictException} when the reservation already reached the
     * other final status (order.paid for a released one, order.payment_failed for a sold one).
     * Any other failure is the database's and may pass on retry.
     */
    public Uni<Transition> apply(SqlConnection conn, ReservationEvent event) {
        return switch (event.target()) {
            case RESERVED -> reservations.markOrdered(conn, event.orderId(), event.tenant());
            case SOLD -> reservations.markSold(conn, event.orderId(), event.tenant());
            case RELEASED -> reservations.release(conn, event.orderId(), event.tenant(), ReleaseReason.PAYMENT_FAILED);
        };
    }

    /** Reports a transition once its transaction committed. */
    public void committed(ReservationEvent event, Transition transition) {
        reservations.committed(event.tenant(), transition);
        if (transition.result() == Transition.Result.NO_RESERVATION) {
            // An order placed without a storefront reservation: nothing of it is held here.
            LOG.debugf("Order %s has no reservation of tenant %s: %s %s changes nothing",
                    event.orderId(), event.tenant(), event.eventType(), event.eventId());
        }
    }
}
