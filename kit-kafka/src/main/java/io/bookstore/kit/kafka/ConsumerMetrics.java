package io.bookstore.kit.kafka;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link BusinessMetrics#CONSUMER_EVENTS}, {@link BusinessMetrics#CONSUMER_DEAD_LETTERS} and
 * {@link BusinessMetrics#CONSUMER_DEDUP_PRUNED}.
 * Tag values come from record headers that anyone can write, so only the platform's event
 * types and valid tenants become tag values; anything else counts as {@value #UNKNOWN_TYPE}
 * (or {@link BusinessMetrics#UNKNOWN_TENANT}), and a bad header cannot mint series.
 */
@ApplicationScoped
public class ConsumerMetrics {

    static final String UNKNOWN_TYPE = "unknown";

    private final Meter.MeterProvider<Counter> events;
    private final Meter.MeterProvider<Counter> deadLetters;
    private final Counter dedupPruned;

    public ConsumerMetrics(MeterRegistry registry) {
        events = Counter.builder(BusinessMetrics.CONSUMER_EVENTS)
                .description("Order events the consumer handled, by outcome")
                .withRegistry(registry);
        deadLetters = Counter.builder(BusinessMetrics.CONSUMER_DEAD_LETTERS)
                .description("Order events the consumer sent to the dead-letter topic")
                .withRegistry(registry);
        dedupPruned = Counter.builder(BusinessMetrics.CONSUMER_DEDUP_PRUNED)
                .description("Event ids deleted from processed_events after their retention")
                .register(registry);
    }

    /** The event's work committed, for the first time. */
    public void processed(String eventType, String tenant) {
        consumed(eventType, BusinessMetrics.OUTCOME_PROCESSED, tenant);
    }

    /** The event id had been processed before: nothing was done. */
    public void duplicate(String eventType, String tenant) {
        consumed(eventType, BusinessMetrics.OUTCOME_DUPLICATE, tenant);
    }

    /** A type the service has nothing to do with; {@code tenant} is the raw header, possibly absent or malformed. */
    public void ignored(String eventType, String tenant) {
        consumed(eventType, BusinessMetrics.OUTCOME_IGNORED, tenant);
    }

    public void deadLettered(String eventType) {
        deadLetters.withTag(BusinessMetrics.TAG_EVENT_TYPE, eventTypeTag(eventType)).increment();
    }

    /** Rows {@link ProcessedEventsPruner} deleted from {@code processed_events}. */
    public void dedupPruned(long rows) {
        dedupPruned.increment(rows);
    }

    private void consumed(String eventType, String outcome, String tenant) {
        events.withTags(BusinessMetrics.TAG_EVENT_TYPE, eventTypeTag(eventType),
                BusinessMetrics.TAG_OUTCOME, outcome,
                BusinessMetrics.TAG_TENANT, BusinessMetrics.tenantTag(tenant)).increment();
    }

    static String eventTypeTag(String eventType) {
        return eventType != null && EventTypes.ALL.contains(eventType) ? eventType : UNKNOWN_TYPE;
    }
}
