package io.bookstore.catalog.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a record of {@code bookstore.orders.v1} (CloudEvents binary mode: {@code ce_*}
 * headers, JSON value) into the event catalog acts on. Whatever makes that impossible is a
 * {@link PoisonEventException}: retrying the same bytes cannot succeed.
 */
@ApplicationScoped
public class OrderEventReader {

    /** The event types catalog acts on, and the status each one gives the order's reservation. */
    private static final Map<String, ReservationStatus> HANDLED = Map.of(
            EventTypes.ORDER_PAID, ReservationStatus.SOLD,
            EventTypes.ORDER_PAYMENT_FAILED, ReservationStatus.RELEASED);

    private final ObjectMapper mapper;

    public OrderEventReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The last value of a header: a producer that repeats a header means its latest value. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** False for a type catalog has nothing to do with ({@code order.created}, or one added later). */
    public boolean handles(String eventType) {
        return HANDLED.containsKey(eventType);
    }

    public ReservationEvent read(ConsumerRecord<String, String> record) {
        String type = header(record, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonEventException("The record has no " + CloudEventHeaders.TYPE + " header"));
        ReservationStatus target = HANDLED.get(type);
        if (target == null) {
            throw notHandled(type);
        }
        UUID eventId = eventId(record);
        String tenant = header(record, CloudEventHeaders.TENANT)
                .filter(Tenants::isValid)
                .orElseThrow(() -> new PoisonEventException("The record's " + CloudEventHeaders.TENANT
                        + " header is missing or does not match " + Tenants.PATTERN));
        OrderOf order = payload(type, record.value());
        if (order.orderId() == null) {
            throw new PoisonEventException("The " + type + " payload has no order_id");
        }
        if (!tenant.equals(order.tenant())) {
            throw new PoisonEventException("The %s payload of order %s names tenant %s, the record's %s says %s"
                    .formatted(type, order.orderId(), order.tenant(), CloudEventHeaders.TENANT, tenant));
        }
        return new ReservationEvent(eventId, type, order.orderId(), tenant, target);
    }

    private static UUID eventId(ConsumerRecord<?, ?> record) {
        String id = header(record, CloudEventHeaders.ID)
                .orElseThrow(() -> new PoisonEventException("The record has no " + CloudEventHeaders.ID + " header"));
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("The record's " + CloudEventHeaders.ID + " '" + id + "' is not a UUID");
        }
    }

    private OrderOf payload(String type, String json) {
        if (json == null) {
            throw new PoisonEventException("The " + type + " record has no payload");
        }
        try {
            OrderOf order = switch (type) {
                case EventTypes.ORDER_PAID -> {
                    OrderPaid paid = mapper.readValue(json, OrderPaid.class);
                    yield paid == null ? null : new OrderOf(paid.orderId(), paid.tenant());
                }
                case EventTypes.ORDER_PAYMENT_FAILED -> {
                    OrderPaymentFailed failed = mapper.readValue(json, OrderPaymentFailed.class);
                    yield failed == null ? null : new OrderOf(failed.orderId(), failed.tenant());
                }
                default -> throw notHandled(type);
            };
            if (order == null) {
                throw new PoisonEventException("The " + type + " payload is JSON null");
            }
            return order;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("The payload is not a valid " + type + " event: " + e.getOriginalMessage(), e);
        }
    }

    /** Callers ask {@link #handles} first; reaching this is a bug, and retrying would not fix it. */
    private static PoisonEventException notHandled(String type) {
        return new PoisonEventException("catalog does not act on " + type + " events");
    }

    /** The part of a payload catalog needs. */
    private record OrderOf(UUID orderId, String tenant) {
    }
}
