package io.bookstore.outbox;

import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay claims the next batch while an earlier one is still settling (two batches in flight
 * by default). The test holds up every settling with a lock on {@code outbox_published}, where
 * a settled row moves: with one batch at a time, nothing committed after that would reach Kafka.
 */
@QuarkusTest
class OverlappingBatchesTest {

    private static final String LEFT_IN_OUTBOX = "SELECT count(*) FROM outbox WHERE tenant = ?";

    @Test
    void anEventCommittedWhileABatchSettlesIsPublishedBeforeThatBatchHasSettled() throws Exception {
        String tenant = OrdersOutbox.tenant("overlap");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (OrderTopic topic = OrderTopic.open(); Connection settling = OrdersOutbox.connect()) {
            settling.setAutoCommit(false);
            try (Statement statement = settling.createStatement()) {
                statement.execute("LOCK TABLE outbox_published IN EXCLUSIVE MODE");
            }

            OrdersOutbox.insertAndNotify(List.of(OrdersOutbox.event(first, tenant, 1)));
            assertThat(topic.await(OrderTopic.keyedBy(List.of(first)), 1, Duration.ofSeconds(5))).hasSize(1);
            OrdersOutbox.insertAndNotify(List.of(OrdersOutbox.event(second, tenant, 1)));
            assertThat(topic.await(OrderTopic.keyedBy(List.of(second)), 1, Duration.ofSeconds(5))).hasSize(1);
            assertThat(OrdersOutbox.queryLong(LEFT_IN_OUTBOX, tenant))
                    .as("both batches still wait to settle")
                    .isEqualTo(2);

            settling.rollback();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> OrdersOutbox.queryLong(LEFT_IN_OUTBOX, tenant) == 0);
    }
}
