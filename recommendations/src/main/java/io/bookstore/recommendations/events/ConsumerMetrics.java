package io.bookstore.recommendations.events;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link BusinessMetrics#CONSUMER_EVENTS} and {@link BusinessMetrics#CONSUMER_DEAD_LETTERS}.
 * Tag values come from record headers that anyone can write, so only known event types and
 * valid tenants become tag values; the rest count as {@value #UNKNOWN}.
 */
@ApplicationScoped
public class ConsumerMetrics {

    static final String PROCESSED = BusinessMetrics.OUTCOME_PROCESSED;
    static final String DUPLICATE = BusinessMetrics.OUTCOME_DUPLICATE;
    static final String IGNORED = BusinessMetrics.OUTCOME_IGNORED;
    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String eventType, String tenant, boolean firstTime) {
        event(eventType, tenant, firstTime ? PROCESSED : DUPLICATE);
    }

    void ignored(String eventType, String tenant) {
        event(eventType, tenant, IGNORED);
    }

    void deadLettered(String eventType) {
        registry.counter(BusinessMetrics.CONSUMER_DEAD_LETTERS,
                BusinessMetrics.TAG_EVENT_TYPE, eventTypeTag(eventType)).increment();
    }

    private void event(String eventType, String tenant, String outcome) {
        registry.counter(BusinessMetrics.CONSUMER_EVENTS,
                BusinessMetrics.TAG_EVENT_TYPE, eventTypeTag(eventType),
                BusinessMetrics.TAG_OUTCOME, outcome,
                BusinessMetrics.TAG_TENANT, BusinessMetrics.tenantTag(tenant)).increment();
    }

    static String eventTypeTag(String eventType) {
        return EventTypes.ALL.contains(eventType) ? eventType : UNKNOWN;
    }
}
