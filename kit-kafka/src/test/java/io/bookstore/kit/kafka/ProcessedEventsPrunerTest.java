package io.bookstore.kit.kafka;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.testkit.JdbcDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pruning timer of the test application (every second, batches of 100: its
 * application.properties) against the real {@code processed_events}, on the default
 * retention of 15 days. How a redelivery fares after a round is in {@link CloudEventConsumerTest}.
 */
@QuarkusTest
class ProcessedEventsPrunerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    MeterRegistry registry;

    @Inject
    EventConsumerConfig config;

    private final JdbcDatabase database = JdbcDatabase.ofDatasource();

    /** The event type of this test's rows, so that it counts only its own. */
    private final String type = "prune-test-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theTimerDeletesTheEventIdsOlderThanTheRetentionInBatchesAndKeepsTheOthers() {
        assertThat(config.dedupRetention()).isEqualTo(Duration.ofDays(15));
        double prunedBefore = pruned();

        // 250 ids past the retention: a round takes three statements of at most 100 rows.
        insert(250, "15 days 1 minute");
        insert(20, "14 days 23 hours");
        insert(5, "0 seconds");

        await().atMost(PATIENCE).until(() -> pruned() - prunedBefore == 250);
        assertThat(rows("processed_at < now() - interval '15 days'")).isZero();
        assertThat(rows("processed_at >= now() - interval '15 days'")).isEqualTo(25);
        // No round deletes what the retention keeps.
        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> rows("true") == 25);
        assertThat(pruned() - prunedBefore).isEqualTo(250);
    }

    /** {@code count} event ids of this test, each processed {@code age} ago, a millisecond apart. */
    private void insert(int count, String age) {
        database.update("""
                INSERT INTO processed_events (event_id, event_type, processed_at)
                SELECT gen_random_uuid(), ?, now() - ?::interval - g * interval '1 millisecond' FROM generate_series(1, ?) g""",
                type, age, count);
    }

    private long rows(String condition) {
        return database.count("SELECT count(*) FROM processed_events WHERE event_type = ? AND " + condition, type);
    }

    private double pruned() {
        return registry.get(BusinessMetrics.CONSUMER_DEDUP_PRUNED).counter().count();
    }
}
