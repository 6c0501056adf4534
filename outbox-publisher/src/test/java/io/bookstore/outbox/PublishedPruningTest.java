package io.bookstore.outbox;

import io.bookstore.outbox.support.MetricsPage;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Published events are kept for the replay window (15 minutes by default, as in {@code %test})
 * and then deleted, however many there are: the pruner's batches ({@code %test}: 50) repeat
 * until none is left.
 */
@QuarkusTest
class PublishedPruningTest {

    private static final String PRUNED = "bookstore_outbox_published_pruned_total";

    @Test
    void eventsOlderThanTheReplayWindowArePrunedAndYoungerOnesKept() {
        String tenant = OrdersOutbox.tenant("pruned");
        double prunedBefore = MetricsPage.value(PRUNED);
        OrdersOutbox.insertPublished(events(tenant, 130), Duration.ofMinutes(20));
        List<Row> young = events(tenant, 5);
        OrdersOutbox.insertPublished(young, Duration.ofMinutes(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> kept(tenant) == young.size());
        assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox_published WHERE tenant = ? AND published_at > now() - interval '11 minutes'",
                tenant)).isEqualTo(young.size());
        assertThat(MetricsPage.value(PRUNED) - prunedBefore).isGreaterThanOrEqualTo(130);
    }

    private static List<Row> events(String tenant, int count) {
        return IntStream.range(0, count).mapToObj(i -> OrdersOutbox.event(UUID.randomUUID(), tenant, 1)).toList();
    }

    private static long kept(String tenant) {
        return OrdersOutbox.queryLong("SELECT count(*) FROM outbox_published WHERE tenant = ?", tenant);
    }
}
