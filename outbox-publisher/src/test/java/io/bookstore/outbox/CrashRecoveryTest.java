package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.events.SendOutcome;
import io.bookstore.outbox.support.ExtraReplica;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.outbox.support.QuietTimerProfile;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that dies after Kafka acknowledged its batch but before it deleted the rows.
 * The dead replica is the relay's real claim and publish steps with no settle step after them.
 */
@QuarkusTest
@TestProfile(QuietTimerProfile.class)
class CrashRecoveryTest {

    @Inject
    ExtraReplica replica;

    @Test
    void eventSentButNotDeletedIsPublishedAgainAfterTheLeaseNeverLost() {
        UUID orderId = UUID.randomUUID();
        Row row = OrdersOutbox.event(orderId, OrdersOutbox.tenant("crash"), 1);
        String doomed = "doomed-replica-" + UUID.randomUUID();

        try (OrderTopic topic = OrderTopic.open()) {
            // No hint: the application's relay (poll timer: 1h) leaves the row to the doomed replica.
            OrdersOutbox.insert(List.of(row));
            try (OrderEventPublisher publisher = replica.publisher(doomed)) {
                List<OutboxEvent> claimed = replica.claim(doomed, 10);
                assertThat(claimed).extracting(claim -> claim.row().eventId()).containsExactly(row.eventId());
                List<SendOutcome> sent = publisher.publish(claimed).await().atMost(Duration.ofSeconds(10));
                assertThat(sent).extracting(SendOutcome::status).containsExactly(SendOutcome.Status.ACKED);
            }
            assertThat(topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(10))).hasSize(1);
            assertThat(OrdersOutbox.queryString("SELECT claimed_by FROM outbox WHERE event_id = ?", row.eventId()))
                    .isEqualTo(doomed);

            // While the lease holds, a hint makes no one take the row over.
            OrdersOutbox.notifyHint();
            assertThat(topic.during(Duration.ofSeconds(1), OrderTopic.keyedBy(List.of(orderId)))).hasSize(1);

            await().atMost(replica.config().lease().plusSeconds(5)).until(() -> OrdersOutbox.queryLong(
                    "SELECT count(*) FROM outbox WHERE event_id = ? AND claim_until < now()", row.eventId()) == 1);
            OrdersOutbox.notifyHint();

            List<ConsumerRecord<String, String>> records = topic.await(OrderTopic.keyedBy(List.of(orderId)), 2, Duration.ofSeconds(20));
            assertThat(records).extracting(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow())
                    .containsExactly(row.eventId().toString(), row.eventId().toString());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE event_id = ?", row.eventId()) == 0);
    }
}
