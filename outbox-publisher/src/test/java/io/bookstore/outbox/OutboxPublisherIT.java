package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged relay (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on the outbox of a fresh {@code bookstore_orders} database and the
 * shared broker ({@link io.bookstore.outbox.support.TestInfrastructure}).
 */
@QuarkusIntegrationTest
class OutboxPublisherIT {

    @Test
    void isLiveAndReadyOnTheOutboxAndTheBroker() {
        ServiceProbes.assertLive();
        ServiceProbes.awaitReady(Duration.ofSeconds(30), "Reactive PostgreSQL");
    }

    @Test
    void publishesAnOutboxRowAsACloudEventDeletesItAndCountsIt() throws Exception {
        String tenant = OrdersOutbox.tenant("it");
        UUID orderId = UUID.randomUUID();
        Row row = OrdersOutbox.event(orderId, tenant, 1);

        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(List.of(row));

            ConsumerRecord<String, String> record = topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(20)).get(0);
            assertThat(record.key()).isEqualTo(orderId.toString());
            assertThat(OrdersOutbox.JSON.readTree(record.value())).isEqualTo(OrdersOutbox.JSON.readTree(row.payload()));
            assertThat(new String(record.headers().lastHeader(CloudEventHeaders.ID).value(), StandardCharsets.UTF_8))
                    .isEqualTo(row.eventId().toString());
            assertThat(new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo(EventTypes.ORDER_CREATED);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE event_id = ?", row.eventId())).isZero());

        String series = "\\{(?=[^}]*event_type=\"" + EventTypes.ORDER_CREATED + "\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*}";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ServiceProbes.scrape())
                .containsPattern("(?m)^bookstore_outbox_published_total" + series + " 1\\.0( #.*)?$")
                .containsPattern("(?m)^bookstore_outbox_publish_lag_seconds_count" + series + " 1\\.0( #.*)?$")
                .containsPattern("(?m)^bookstore_outbox_pending(\\{[^}]*})? \\S+$"));
    }
}
