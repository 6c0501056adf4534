package io.bookstore.outbox.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.outbox.domain.Backlog;
import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.events.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * The outbox's business metrics (names in {@link BusinessMetrics}). The backlog gauges
 * describe the shared table, so every replica reports the same value: aggregate them
 * with {@code max}, not {@code sum}.
 */
@Singleton
public class OutboxMetrics {

    private final MeterRegistry registry;
    private final Counter pruned;
    /** Null until the first refresh: the gauges read NaN rather than a made-up zero. */
    private volatile Backlog backlog;

    public OutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(BusinessMetrics.OUTBOX_PENDING, this, m -> m.backlog == null ? Double.NaN : m.backlog.pending())
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder(BusinessMetrics.OUTBOX_OLDEST_PENDING_AGE, this,
                        m -> m.backlog == null ? Double.NaN : m.backlog.oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest outbox row not yet published")
                .baseUnit("seconds")
                .register(registry);
        pruned = Counter.builder(BusinessMetrics.OUTBOX_PUBLISHED_PRUNED)
                .description("Published events no longer kept for a replay")
                .register(registry);
    }

    /** An event Kafka acknowledged: counted, and its age at ack recorded as the publish lag. */
    public void published(SendOutcome acked) {
        OutboxEvent event = acked.event();
        Counter.builder(BusinessMetrics.OUTBOX_PUBLISHED)
                .description("Outbox events acknowledged by Kafka")
                .tag(BusinessMetrics.TAG_TENANT, event.row().tenant())
                .tag(BusinessMetrics.TAG_EVENT_TYPE, event.row().eventType())
                .register(registry)
                .increment();
        Timer lag = Timer.builder(BusinessMetrics.OUTBOX_PUBLISH_LAG)
                .description("Time from an outbox row's insert to Kafka's acknowledgement")
                .tag(BusinessMetrics.TAG_TENANT, event.row().tenant())
                .tag(BusinessMetrics.TAG_EVENT_TYPE, event.row().eventType())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(30))
                .register(registry);
        // Recorded inside the produce span, so the histogram's exemplar points at its trace.
        try (Scope ignored = Span.wrap(acked.span()).makeCurrent()) {
            lag.record(event.ageAt(acked.ackNanos()));
        }
    }

    /** A row moved to outbox_dead. */
    public void dead(OutboxEvent event) {
        Counter.builder(BusinessMetrics.OUTBOX_DEAD)
                .description("Outbox rows moved to outbox_dead")
                .tag(BusinessMetrics.TAG_TENANT, event.row().tenant())
                .tag(BusinessMetrics.TAG_EVENT_TYPE, event.row().eventType())
                .register(registry)
                .increment();
    }

    /** Published events put back into the outbox after the topic was replaced, per tenant. */
    public void replayed(Map<String, Integer> byTenant) {
        byTenant.forEach((tenant, count) -> Counter.builder(BusinessMetrics.OUTBOX_REPLAYED)
                .description("Published events put back into the outbox because the topic was replaced")
                .tag(BusinessMetrics.TAG_TENANT, tenant)
                .register(registry)
                .increment(count));
    }

    /** Published events deleted from outbox_published after the replay window. */
    public void pruned(int count) {
        pruned.increment(count);
    }

    public void backlog(Backlog current) {
        this.backlog = current;
    }
}
