package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.outbox.domain.DrainReport;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.service.OutboxRelay;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replica whose id names it across restarts dies with rows claimed; its next process, under
 * the same id, sends them at once instead of after their lease. Another replica's claims stay
 * its own. The dead process is the relay's real claim step with nothing after it.
 */
@QuarkusTest
@TestProfile(QuietTimerProfile.class)
class RestartedReplicaTest {

    /** The default lease: the tests' own (4 s) could end on a slow machine before the next process claims. */
    private static final Duration PRODUCTION_LEASE = Duration.ofMinutes(1);

    @Inject
    ExtraReplica replica;

    private final String tenant = OrdersOutbox.tenant("restart");

    /** The other replica's row keeps its minute-long lease: other tests expect an outbox that drains. */
    @AfterEach
    void removeTheRows() {
        OrdersOutbox.removeRowsOf(tenant);
    }

    @Test
    void theNextProcessUnderTheSameIdSendsTheRowsItsPredecessorClaimedWithoutWaitingForTheLease() {
        String replicaId = "outbox-publisher-" + UUID.randomUUID();
        String otherReplica = "other-replica-" + UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        UUID othersOrderId = UUID.randomUUID();
        Row claimedByTheDeadProcess = OrdersOutbox.event(orderId, tenant, 1);
        Row claimedByAnother = OrdersOutbox.event(othersOrderId, tenant, 1);

        try (OrderTopic topic = OrderTopic.open()) {
            // No hint: the application's relay (poll timer: 1h) leaves the rows to the replicas here.
            OrdersOutbox.insert(List.of(claimedByAnother));
            assertThat(replica.claim(otherReplica, 10, PRODUCTION_LEASE)).hasSize(1);
            OrdersOutbox.insert(List.of(claimedByTheDeadProcess));
            assertThat(replica.claim(replicaId, 10, PRODUCTION_LEASE)).extracting(claim -> claim.row().eventId())
                    .containsExactly(claimedByTheDeadProcess.eventId());
            // ... and the process dies: nothing is sent, the lease holds.
            assertThat(leaseLeftSeconds(claimedByTheDeadProcess)).isGreaterThan(30);

            try (OrderEventPublisher publisher = replica.publisher(replicaId)) {
                OutboxRelay restarted = replica.relay(replicaId, publisher);
                assertThat(restarted.takeBackLeases().await().atMost(Duration.ofSeconds(10))).isEqualTo(1);
                DrainReport report = restarted.drainOnce().await().atMost(Duration.ofSeconds(30));

                assertThat(report.published()).as("sent by the next process, within the dead one's lease").isEqualTo(1);
            }
            List<ConsumerRecord<String, String>> records = topic.await(OrderTopic.keyedBy(List.of(orderId)), 1, Duration.ofSeconds(10));
            assertThat(records).extracting(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow())
                    .containsExactly(claimedByTheDeadProcess.eventId().toString());
            assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE event_id = ?", claimedByTheDeadProcess.eventId()))
                    .isZero();
            assertThat(OrdersOutbox.queryString("SELECT claimed_by FROM outbox WHERE event_id = ?", claimedByAnother.eventId()))
                    .as("another replica's claim is its own").isEqualTo(otherReplica);
        }
    }

    private static long leaseLeftSeconds(Row row) {
        return OrdersOutbox.queryLong("SELECT extract(epoch FROM claim_until - now())::bigint FROM outbox WHERE event_id = ?",
                row.eventId());
    }
}
