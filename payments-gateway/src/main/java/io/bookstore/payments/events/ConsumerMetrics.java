package io.bookstore.payments.events;

import io.bookstore.contracts.BusinessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link BusinessMetrics#CONSUMER_EVENTS} and {@link BusinessMetrics#CONSUMER_DEAD_LETTERS} of this consumer. */
@ApplicationScoped
public class ConsumerMetrics {

    static final String PROCESSED = BusinessMetrics.OUTCOME_PROCESSED;
    static final String DUPLICATE = BusinessMetrics.OUTCOME_DUPLICATE;
    static final String IGNORED = BusinessMetrics.OUTCOME_IGNORED;
    /** The event type tag of a record without a usable {@code ce_type}. */
    static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;

    public ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void handled(String eventType, String outcome, String tenant) {
        registry.counter(BusinessMetrics.CONSUMER_EVENTS,
                BusinessMetrics.TAG_EVENT_TYPE, eventType,
                BusinessMetrics.TAG_OUTCOME, outcome,
                BusinessMetrics.TAG_TENANT, tenant).increment();
    }

    void deadLettered(String eventType) {
        registry.counter(BusinessMetrics.CONSUMER_DEAD_LETTERS, BusinessMetrics.TAG_EVENT_TYPE, eventType).increment();
    }
}
