package io.bookstore.payments.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.kit.kafka.CloudEventConsumer;
import io.bookstore.kit.kafka.CloudEventEnvelope;
import io.bookstore.kit.kafka.CloudEventHandler;
import io.bookstore.payments.domain.NewPayment;
import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.service.IntentCreations;
import io.bookstore.payments.service.PaymentService;
import io.bookstore.telemetry.TraceContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Consumes {@code order.created} from {@code bookstore.orders.v1} (channel {@code order-events})
 * through the kit's {@link CloudEventConsumer}: registers the order's payment in the same
 * transaction that remembers the event's {@code ce_id}, then, after the commit, starts
 * creating the intent at the PSP. The record is acked, and its offset committed, only after
 * that start. Other event types are ignored; poison records, and events whose registration
 * the database refuses for good, go to the dead-letter topic; a database outage is waited out
 * with back-off (the kit's rule for every consumer).
 */
@ApplicationScoped
public class OrderEventsConsumer implements CloudEventHandler<OrderCreated, NewPayment, Optional<Payment>> {

    private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");
    private static final int MAX_PAYMENT_METHOD = 255;

    private final CloudEventConsumer consumer;
    private final PaymentService payments;
    private final IntentCreations creations;
    private final TraceContexts traces;
    private final Map<String, ObjectReader> payloadReaders;

    public OrderEventsConsumer(CloudEventConsumer consumer, PaymentService payments, IntentCreations creations,
                               TraceContexts traces, ObjectMapper json) {
        this.consumer = consumer;
        this.payments = payments;
        this.creations = creations;
        this.traces = traces;
        this.payloadReaders = Map.of(EventTypes.ORDER_CREATED, json.readerFor(OrderCreated.class));
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(record, payloadReaders, this);
    }

    @Override
    public NewPayment read(CloudEventEnvelope envelope, OrderCreated event) {
        if (event.currency() == null || !CURRENCY.matcher(event.currency()).matches()) {
            throw envelope.poison("the payload's currency must be three letters, not " + event.currency());
        }
        if (event.totalCents() < 0) {
            throw envelope.poison("the payload's total_cents is negative");
        }
        if (event.paymentMethod() == null || event.paymentMethod().isBlank() || event.paymentMethod().length() > MAX_PAYMENT_METHOD) {
            throw envelope.poison("the payload's payment_method is missing or too long");
        }
        // Captured now, on the consume span's context: it is the trace the payment continues.
        return new NewPayment(event.orderId(), envelope.tenant(), event.totalCents(), event.currency().toUpperCase(Locale.ROOT),
                event.paymentMethod(), traces.current());
    }

    @Override
    public Uni<Optional<Payment>> apply(SqlConnection conn, NewPayment payment) {
        return payments.register(conn, payment);
    }

    /** Starts creating the intent of a payment this event registered; none when the order had one already. */
    @Override
    public Uni<Void> committed(NewPayment payment, Optional<Payment> registered) {
        return registered.map(creations::start).orElseGet(() -> Uni.createFrom().voidItem());
    }
}
