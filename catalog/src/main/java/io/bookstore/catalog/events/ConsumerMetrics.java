package io.bookstore.catalog.events;

import io.bookstore.catalog.domain.ReservationEvent;
import io.bookstore.catalog.service.OrderEventService;
import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** {@link BusinessMetrics#CONSUMER_EVENTS} and {@link BusinessMetrics#CONSUMER_DEAD_LETTERS} of the order-events channel. */
@ApplicationScoped
public class ConsumerMetrics {

    private static final String PROCESSED = BusinessMetrics.OUTCOME_PROCESSED;
    private static final String DUPLICATE = BusinessMetrics.OUTCOME_DUPLICATE;
    private static final String IGNORED = BusinessMetrics.OUTCOME_IGNORED;
    /** The event_type tag of a record whose {@code ce_type} is missing or not one of ours: keeps the tag's values few. */
    private static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(ReservationEvent event, OrderEventService.Outcome outcome) {
        consumed(event.eventType(), switch (outcome) {
            case PROCESSED -> PROCESSED;
            case DUPLICATE -> DUPLICATE;
        }, event.tenant());
    }

    void ignored(String eventType, Optional<String> tenant) {
        consumed(eventType, IGNORED, tenant.orElse(BusinessMetrics.UNKNOWN_TENANT));
    }

    void deadLettered(String eventType) {
        Counter.builder(BusinessMetrics.CONSUMER_DEAD_LETTERS)
                .description("Order events the consumer sent to the dead-letter topic")
                .tag(BusinessMetrics.TAG_EVENT_TYPE, typeTag(eventType))
                .register(registry)
                .increment();
    }

    private void consumed(String eventType, String outcome, String tenant) {
        Counter.builder(BusinessMetrics.CONSUMER_EVENTS)
                .description("Order events the consumer handled, by outcome")
                .tag(BusinessMetrics.TAG_EVENT_TYPE, typeTag(eventType))
                .tag(BusinessMetrics.TAG_OUTCOME, outcome)
                .tag(BusinessMetrics.TAG_TENANT, tenant)
                .register(registry)
                .increment();
    }

    private static String typeTag(String eventType) {
        return eventType != null && EventTypes.ALL.contains(eventType) ? eventType : UNKNOWN_TYPE;
    }
}
