package io.bookstore.payments.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.payments.payment.IntentCreations;
import io.bookstore.payments.payment.NewPayment;
import io.bookstore.payments.payment.PaymentService;
import io.bookstore.telemetry.TraceContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Consumes {@code order.created} from {@code bookstore.orders.v1} (channel {@code order-events}):
 * registers the order's payment in the same transaction that remembers the event's
 * {@code ce_id}, then, after the commit, creates the intent at the PSP. The record is acked,
 * and its offset committed, only after that.
 *
 * <p>A record that can never be processed fails with {@link PoisonRecordException} and goes
 * to the dead-letter topic; a database outage is waited out with back-off instead, so a good
 * record is never dead-lettered for a passing reason. Records are processed one at a time.
 */
@ApplicationScoped
public class OrderEventsConsumer {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);
    private static final String MDC_TENANT = "tenant";
    private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");
    /** {@link UUID#fromString} alone also takes forms like {@code 1-2-3-4-5}. */
    private static final Pattern UUID_FORM =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final int MAX_PAYMENT_METHOD = 255;
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final PaymentService payments;
    private final IntentCreations creations;
    private final TraceContexts traces;
    private final ConsumerMetrics metrics;
    private final ObjectMapper json;

    public OrderEventsConsumer(PaymentService payments, IntentCreations creations, TraceContexts traces,
                               ConsumerMetrics metrics, ObjectMapper json) {
        this.payments = payments;
        this.creations = creations;
        this.traces = traces;
        this.metrics = metrics;
        this.json = json;
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        String eventType = header(record, CloudEventHeaders.TYPE);
        String typeTag = EventTypes.ALL.contains(eventType) ? eventType : ConsumerMetrics.UNKNOWN_TYPE;
        UUID eventId;
        String tenant;
        try {
            eventId = eventId(record);
            tenant = tenant(record);
        } catch (PoisonRecordException poison) {
            return deadLetter(record, typeTag, poison);
        }
        if (!EventTypes.ORDER_CREATED.equals(eventType)) {
            metrics.handled(typeTag, ConsumerMetrics.IGNORED, tenant);
            return Uni.createFrom().voidItem();
        }
        NewPayment payment;
        try {
            // Captured now, on the consumer span's context: it is the trace the payment continues.
            payment = newPayment(record.value(), tenant, traces.current());
        } catch (PoisonRecordException poison) {
            return deadLetter(record, typeTag, poison);
        }
        MDC.put(MDC_TENANT, tenant);
        return untilDone(payments.register(eventId, eventType, payment), "Recording event " + eventId)
                .flatMap(registration -> {
                    metrics.handled(eventType, registration.duplicateEvent() ? ConsumerMetrics.DUPLICATE : ConsumerMetrics.PROCESSED, tenant);
                    return registration.payment()
                            .map(creations::start)
                            .orElseGet(() -> Uni.createFrom().voidItem());
                })
                .eventually(() -> MDC.remove(MDC_TENANT));
    }

    /** Retries a step that failed for a passing reason (the database is away) until it works: the partition waits. */
    private static <T> Uni<T> untilDone(Uni<T> step, String what) {
        return step
                .onFailure().invoke(failure -> LOG.warnf("%s failed (%s); retrying", what, failure.toString()))
                .onFailure().retry().withBackOff(RETRY_MIN, RETRY_MAX).indefinitely();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String typeTag, PoisonRecordException poison) {
        LOG.warnf("Dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), poison.getMessage());
        metrics.deadLettered(typeTag);
        return Uni.createFrom().failure(poison);
    }

    private NewPayment newPayment(String value, String tenant, Map<String, String> traceContext) {
        OrderCreated event;
        try {
            event = json.readValue(value == null ? "" : value, OrderCreated.class);
        } catch (JsonProcessingException e) {
            throw new PoisonRecordException("the payload is not an order.created event: " + e.getOriginalMessage(), e);
        }
        if (event == null || event.orderId() == null) {
            throw new PoisonRecordException("the payload has no order_id");
        }
        if (!tenant.equals(event.tenant())) {
            throw new PoisonRecordException("the payload's tenant " + event.tenant() + " is not " + CloudEventHeaders.TENANT + " " + tenant);
        }
        if (event.currency() == null || !CURRENCY.matcher(event.currency()).matches()) {
            throw new PoisonRecordException("the payload's currency must be three letters, not " + event.currency());
        }
        if (event.totalCents() < 0) {
            throw new PoisonRecordException("the payload's total_cents is negative");
        }
        if (event.paymentMethod() == null || event.paymentMethod().isBlank() || event.paymentMethod().length() > MAX_PAYMENT_METHOD) {
            throw new PoisonRecordException("the payload's payment_method is missing or too long");
        }
        return new NewPayment(event.orderId(), tenant, event.totalCents(), event.currency().toUpperCase(Locale.ROOT),
                event.paymentMethod(), traceContext);
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        if (id == null || id.isBlank()) {
            throw new PoisonRecordException(CloudEventHeaders.ID + " is missing");
        }
        if (!UUID_FORM.matcher(id).matches()) {
            throw new PoisonRecordException(CloudEventHeaders.ID + " is not a UUID: " + id);
        }
        return UUID.fromString(id);
    }

    private static String tenant(ConsumerRecord<String, String> record) {
        String tenant = header(record, CloudEventHeaders.TENANT);
        if (!Tenants.isValid(tenant)) {
            throw new PoisonRecordException(CloudEventHeaders.TENANT + " must match " + Tenants.PATTERN + ", got " + tenant);
        }
        return tenant;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
