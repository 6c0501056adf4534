package io.bookstore.outbox;

import io.bookstore.outbox.support.BreakableKafkaClients;
import io.bookstore.outbox.support.BreakableProducersProfile;
import io.bookstore.outbox.support.Drained;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.outbox.support.Readiness;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's producer is closed under it, as a fatal producer error (fenced, or an
 * idempotent producer in its fatal state) leaves one: every later send fails. The relay
 * must replace it, and lose and reorder nothing meanwhile; readiness must not say UP while
 * nothing is published.
 */
@QuarkusTest
@TestProfile(BreakableProducersProfile.class)
class ProducerReplacementTest {

    @Inject
    BreakableKafkaClients producers;

    @Test
    void aClosedProducerIsReplacedAndEveryEventStillGoesOutInOrder() {
        UUID first = UUID.randomUUID();
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(OrdersOutbox.event(first, OrdersOutbox.tenant("before"), 1)));
            topic.await(OrderTopic.keyedBy(List.of(first)), 1, Duration.ofSeconds(20));
        }

        String tenant = OrdersOutbox.tenant("fenced");
        List<UUID> orders = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = OrdersOutbox.events(orders, tenant, 3);
        int madeBefore = producers.made();
        producers.breakProducers();
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(rows);

            // Replaced after each failed batch and never given up on: the rows stay, none dead-lettered,
            // though claimed more often than the five of %test's former max-attempts.
            await().atMost(Duration.ofSeconds(60))
                    .failFast("a row went to outbox_dead", () -> OrdersOutbox.deadRows(tenant) > 0)
                    .until(() -> producers.made() >= madeBefore + 3 && OrdersOutbox.queryLong(
                            "SELECT count(*) FROM outbox WHERE tenant = ? AND attempts > 5", tenant) == orders.size());
            assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant)).isEqualTo(rows.size());
            assertThat(topic.during(Duration.ofMillis(500), OrderTopic.keyedBy(orders))).isEmpty();

            assertThat(Readiness.of(Readiness.RELAY)).isEqualTo("DOWN");
            assertThat(Readiness.httpStatus()).isEqualTo(503);
        } finally {
            producers.mend();
        }

        Drained.assertAllPublished(rows);
    }
}
