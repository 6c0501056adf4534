package io.bookstore.outbox.support;

import io.bookstore.outbox.support.OrdersOutbox.Row;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a test expects once the relay has caught up after a failure. */
public final class Drained {

    private Drained() {
    }

    /**
     * Every row reached the topic, each order's in version order; none of their tenant's rows is
     * left in the outbox or went to {@code outbox_dead}; and the service is ready again.
     */
    public static void assertAllPublished(List<Row> rows) {
        String tenant = rows.get(0).tenant();
        try (OrderTopic topic = OrderTopic.open()) {
            topic.awaitInVersionOrder(rows, Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant) == 0);
        assertThat(OrdersOutbox.deadRows(tenant)).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Readiness.httpStatus()).isEqualTo(200));
    }
}
