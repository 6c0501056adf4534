package io.bookstore.orders.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.OutboxRow;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import io.bookstore.orders.domain.Order;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Turns an order's state change into its outbox event, with the payload records of {@code contracts}. */
@ApplicationScoped
public class OrderEvents {

    private final ObjectMapper mapper;

    public OrderEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public OutboxRow created(Order order, Map<String, String> traceContext) {
        OrderCreated payload = new OrderCreated(order.id(), order.tenant(), order.version(), order.currency(),
                order.totalCents(), order.paymentMethod(), order.lines(), order.createdAt());
        return event(order, EventTypes.ORDER_CREATED, payload, order.createdAt(), traceContext);
    }

    /** The event of the status the order has just entered. */
    public OutboxRow statusChanged(Order order, Map<String, String> traceContext) {
        return switch (order.status()) {
            case PAID -> event(order, EventTypes.ORDER_PAID,
                    new OrderPaid(order.id(), order.tenant(), order.version(), order.paymentId(), order.currency(),
                            order.totalCents(), order.lines(), order.updatedAt()),
                    order.updatedAt(), traceContext);
            case PAYMENT_FAILED -> event(order, EventTypes.ORDER_PAYMENT_FAILED,
                    new OrderPaymentFailed(order.id(), order.tenant(), order.version(), order.paymentId(), order.updatedAt()),
                    order.updatedAt(), traceContext);
            case PENDING_PAYMENT -> throw new IllegalArgumentException("an order never returns to pending_payment");
        };
    }

    private OutboxRow event(Order order, String type, Object payload, Instant occurredAt, Map<String, String> traceContext) {
        return new OutboxRow(UUID.randomUUID(), order.id(), order.version(), type, order.tenant(), json(payload),
                traceContext, occurredAt);
    }

    private String json(Object payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + payload.getClass().getSimpleName(), e);
        }
    }
}
