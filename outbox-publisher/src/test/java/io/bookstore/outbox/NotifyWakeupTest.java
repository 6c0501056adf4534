package io.bookstore.outbox;

import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.QuietTimerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With a poll timer of an hour, only the NOTIFY hint can wake the relay (or its back-off timer). */
@QuarkusTest
@TestProfile(QuietTimerProfile.class)
class NotifyWakeupTest {

    private static final String LISTEN_BACKENDS = """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()
            """;

    @Test
    void hintWakesTheRelayAtOnceAndNothingMovesWithoutIt() {
        UUID orderId = UUID.randomUUID();
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insert(List.of(OrdersOutbox.event(orderId, OrdersOutbox.tenant("notify"), 1)));
            assertThat(topic.during(Duration.ofSeconds(2), OrderTopic.keyedBy(List.of(orderId)))).isEmpty();

            OrdersOutbox.notifyHint();
            assertThat(topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(5))).hasSize(1);
        }
    }

    @Test
    void hintEndsABackOffAfterADatabaseFailure() throws InterruptedException {
        // As when orders is not running yet and its migration has not made the table: every
        // round fails, and the back-off grows to 0.5 + 1 + 2 + 4 s and then 8 s.
        OrdersOutbox.execute("ALTER TABLE outbox RENAME TO outbox_not_yet");
        try {
            OrdersOutbox.notifyHint();
            Thread.sleep(8_000);
        } finally {
            OrdersOutbox.execute("ALTER TABLE outbox_not_yet RENAME TO outbox");
        }

        UUID orderId = UUID.randomUUID();
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(OrdersOutbox.event(orderId, OrdersOutbox.tenant("backoff"), 1)));
            assertThat(topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(3))).hasSize(1);
        }
    }

    @Test
    void listenerReconnectsAfterItsConnectionIsKilled() {
        await().atMost(Duration.ofSeconds(10)).until(() -> OrdersOutbox.queryLong(LISTEN_BACKENDS) == 1);
        OrdersOutbox.queryLong("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                 WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()
                """);
        await().atMost(Duration.ofSeconds(15)).until(() -> OrdersOutbox.queryLong(LISTEN_BACKENDS) == 1);

        UUID orderId = UUID.randomUUID();
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(OrdersOutbox.event(orderId, OrdersOutbox.tenant("relisten"), 1)));
            assertThat(topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(5))).hasSize(1);
        }
    }
}
