package io.bookstore.kit.kafka;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The names and tags dashboards and alert rules read, with no tag value a record header could mint. */
class ConsumerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(registry);

    @Test
    void eachOutcomeIsCountedByTypeAndTenant() {
        metrics.processed(EventTypes.ORDER_PAID, "acme");
        metrics.processed(EventTypes.ORDER_PAID, "acme");
        metrics.duplicate(EventTypes.ORDER_PAID, "acme");
        metrics.ignored(EventTypes.ORDER_CREATED, "globex");

        assertThat(events(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_PROCESSED, "acme")).isEqualTo(2);
        assertThat(events(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_DUPLICATE, "acme")).isEqualTo(1);
        assertThat(events(EventTypes.ORDER_CREATED, BusinessMetrics.OUTCOME_IGNORED, "globex")).isEqualTo(1);
    }

    @Test
    void typesAndTenantsFromHeadersThatAreNotThePlatformsCountAsUnknown() {
        metrics.ignored("order.shipped", "Not A Tenant");
        metrics.ignored(null, null);
        metrics.deadLettered("x".repeat(300));
        metrics.deadLettered(null);
        metrics.deadLettered(EventTypes.ORDER_PAYMENT_FAILED);

        assertThat(events("unknown", BusinessMetrics.OUTCOME_IGNORED, BusinessMetrics.UNKNOWN_TENANT)).isEqualTo(2);
        assertThat(registry.get(BusinessMetrics.CONSUMER_DEAD_LETTERS).tag(BusinessMetrics.TAG_EVENT_TYPE, "unknown").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(BusinessMetrics.CONSUMER_DEAD_LETTERS).tag(BusinessMetrics.TAG_EVENT_TYPE, EventTypes.ORDER_PAYMENT_FAILED)
                .counter().count()).isEqualTo(1);
        List<String> types = registry.getMeters().stream()
                .filter(meter -> !meter.getId().getName().equals(BusinessMetrics.CONSUMER_DEDUP_PRUNED))
                .map(meter -> meter.getId().getTag(BusinessMetrics.TAG_EVENT_TYPE))
                .distinct().toList();
        assertThat(types).containsExactlyInAnyOrder("unknown", EventTypes.ORDER_PAYMENT_FAILED);
    }

    @Test
    void theMetersHaveTheContractsNamesAndTagKeys() {
        metrics.processed(EventTypes.ORDER_PAID, "acme");
        metrics.deadLettered(EventTypes.ORDER_PAID);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .containsExactlyInAnyOrder("bookstore.consumer.events", "bookstore.consumer.dead.letters", "bookstore.consumer.dedup.pruned");
        Meter events = registry.get("bookstore.consumer.events").meter();
        assertThat(events.getId().getTags()).extracting(tag -> tag.getKey()).containsExactly("event_type", "outcome", "tenant");
        Meter deadLetters = registry.get("bookstore.consumer.dead.letters").meter();
        assertThat(deadLetters.getId().getTags()).extracting(tag -> tag.getKey()).containsExactly("event_type");
    }

    /** Present from the start, at 0, so that a dashboard tells "nothing to prune" from "no pruning". */
    @Test
    void prunedRowsAddUpInOneUntaggedCounter() {
        Counter pruned = registry.get("bookstore.consumer.dedup.pruned").counter();
        assertThat(pruned.getId().getTags()).isEmpty();
        assertThat(pruned.count()).isZero();

        metrics.dedupPruned(100);
        metrics.dedupPruned(0);
        metrics.dedupPruned(42);

        assertThat(pruned.count()).isEqualTo(142);
    }

    private double events(String type, String outcome, String tenant) {
        Counter counter = registry.find(BusinessMetrics.CONSUMER_EVENTS)
                .tags(BusinessMetrics.TAG_EVENT_TYPE, type, BusinessMetrics.TAG_OUTCOME, outcome, BusinessMetrics.TAG_TENANT, tenant)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
