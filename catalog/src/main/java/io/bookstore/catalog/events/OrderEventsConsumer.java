package io.bookstore.catalog.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.Transition;
import io.bookstore.catalog.service.OrderEventService;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderEvent;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import io.bookstore.kit.kafka.CloudEventConsumer;
import io.bookstore.kit.kafka.CloudEventEnvelope;
import io.bookstore.kit.kafka.CloudEventHandler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.Optional;

/**
 * Changes reservations from {@code bookstore.orders.v1} through the kit's
 * {@link CloudEventConsumer}: {@code order.created} takes the reservation out of the
 * reaper's reach, {@code order.paid} sells the reserved stock, {@code order.payment_failed}
 * returns it, other types are ignored. An event that contradicts the reservation is
 * dead-lettered: no retry can settle it. So is one whose change the database refuses for
 * good, and a database outage is waited out, by the kit's rule for every consumer.
 */
@ApplicationScoped
public class OrderEventsConsumer implements CloudEventHandler<OrderEvent, ReservationEvent, Transition> {

    /** The event types catalog acts on, and the status each one gives the order's reservation. */
    private static final Map<String, ReservationStatus> TARGETS = Map.of(
            EventTypes.ORDER_CREATED, ReservationStatus.RESERVED,
            EventTypes.ORDER_PAID, ReservationStatus.SOLD,
            EventTypes.ORDER_PAYMENT_FAILED, ReservationStatus.RELEASED);

    private final CloudEventConsumer consumer;
    private final OrderEventService events;
    private final Map<String, ObjectReader> payloadReaders;

    public OrderEventsConsumer(CloudEventConsumer consumer, OrderEventService events, ObjectMapper mapper) {
        this.consumer = consumer;
        this.events = events;
        this.payloadReaders = Map.of(
                EventTypes.ORDER_CREATED, mapper.readerFor(OrderCreated.class),
                EventTypes.ORDER_PAID, mapper.readerFor(OrderPaid.class),
                EventTypes.ORDER_PAYMENT_FAILED, mapper.readerFor(OrderPaymentFailed.class));
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(record, payloadReaders, this);
    }

    @Override
    public ReservationEvent read(CloudEventEnvelope envelope, OrderEvent payload) {
        return new ReservationEvent(envelope.id(), envelope.type(), payload.orderId(), envelope.tenant(), TARGETS.get(envelope.type()));
    }

    @Override
    public Uni<Transition> apply(SqlConnection conn, ReservationEvent event) {
        return events.apply(conn, event);
    }

    /** Retrying cannot turn a sold reservation into a released one or back: the event and the state disagree for good. */
    @Override
    public Optional<String> poisonReason(Throwable failure) {
        return failure instanceof ReservationConflictException ? Optional.of(failure.getMessage()) : Optional.empty();
    }

    @Override
    public Uni<Void> committed(ReservationEvent event, Transition transition) {
        events.committed(event, transition);
        return Uni.createFrom().voidItem();
    }
}
