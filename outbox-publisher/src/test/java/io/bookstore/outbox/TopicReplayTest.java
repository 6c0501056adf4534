package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Topics;
import io.bookstore.outbox.support.MetricsPage;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.outbox.support.QuietTimerProfile;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order topic is deleted and created again empty, as a broker that lost its volume
 * brings it back: every event published to the old topic within the replay window reaches
 * the new one again, with its own ce_id and in version order per order, also ahead of the
 * order's newer events that waited in the outbox meanwhile. While the topic keeps its id,
 * nothing is published twice.
 *
 * <p>The poll timer is quiet ({@link QuietTimerProfile}), so that rows inserted without a hint
 * wait in the outbox until the replay wakes the relay.
 */
@QuarkusTest
@TestProfile(QuietTimerProfile.class)
class TopicReplayTest {

    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String REPLAYED = "bookstore_outbox_replayed_total";

    @Test
    void eventsOfAReplacedTopicArePublishedAgainWithTheirIdsInVersionOrder() throws Exception {
        String tenant = OrdersOutbox.tenant("lostvolume");
        List<UUID> orders = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> published = OrdersOutbox.events(orders, tenant, 3);
        publishAndAwait(published);
        String oldId = storedTopicId();

        // Each order's next event waits in the outbox (no hint) while the topic is replaced.
        List<Row> waiting = orders.stream().map(order -> OrdersOutbox.event(order, tenant, 4)).toList();
        OrdersOutbox.insert(waiting);
        KafkaBroker broker = KafkaBroker.shared();
        try (Admin admin = broker.admin()) {
            admin.deleteTopics(List.of(Topics.ORDERS)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(Topics.ORDERS));
        }
        broker.createTopic(Topics.ORDERS, KafkaResource.ORDER_TOPIC_PARTITIONS);

        List<Row> all = new ArrayList<>(published);
        all.addAll(waiting);
        try (OrderTopic topic = OrderTopic.open()) {
            topic.awaitInVersionOrder(all, DELIVERY);
            List<ConsumerRecord<String, String>> records = topic.during(Duration.ofSeconds(1), OrderTopic.keyedBy(orders));
            assertThat(records).extracting(TopicReplayTest::ceId)
                    .as("each event once on the new topic")
                    .containsExactlyInAnyOrderElementsOf(all.stream().map(row -> row.eventId().toString()).toList());
            Map<String, List<Long>> versions = records.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(OrderTopic::version, Collectors.toList())));
            versions.forEach((order, list) -> assertThat(list).as("versions of order %s", order).containsExactly(1L, 2L, 3L, 4L));
        }

        assertThat(storedTopicId()).isNotEqualTo(oldId).isEqualTo(currentTopicId());
        assertThat(MetricsPage.value(REPLAYED, MetricsPage.tag("tenant", tenant))).isEqualTo(published.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> keptForReplay(tenant) == all.size());
        assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant)).isZero();
    }

    @Test
    void nothingIsPublishedAgainWhileTheTopicKeepsItsId() throws Exception {
        String tenant = OrdersOutbox.tenant("sametopic");
        List<UUID> orders = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = OrdersOutbox.events(orders, tenant, 2);

        publishAndAwait(rows);
        try (OrderTopic topic = OrderTopic.open()) {
            // Two checks of the topic's id after the last publishing, each finding it unchanged.
            await().atMost(Duration.ofSeconds(10)).until(() -> OrdersOutbox.queryLong("""
                    SELECT count(*) FROM outbox_topic
                     WHERE topic = ? AND verified_at > (SELECT max(published_at) FROM outbox_published WHERE tenant = ?)
                                                       + interval '1 second'
                    """, Topics.ORDERS, tenant) == 1);

            List<ConsumerRecord<String, String>> records = topic.during(Duration.ofSeconds(1), OrderTopic.keyedBy(orders));
            assertThat(records).extracting(TopicReplayTest::ceId)
                    .containsExactlyInAnyOrderElementsOf(rows.stream().map(row -> row.eventId().toString()).toList());
        }
        assertThat(storedTopicId()).isEqualTo(currentTopicId());
        assertThat(keptForReplay(tenant)).isEqualTo(rows.size());
        assertThat(MetricsPage.value(REPLAYED, MetricsPage.tag("tenant", tenant))).isZero();
    }

    /** Publishes the rows and waits until each was moved to outbox_published. */
    private static void publishAndAwait(List<Row> rows) {
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(rows);
            topic.awaitInVersionOrder(rows, DELIVERY);
        }
        String tenant = rows.get(0).tenant();
        await().atMost(Duration.ofSeconds(10)).until(() -> keptForReplay(tenant) == rows.size());
    }

    private static long keptForReplay(String tenant) {
        return OrdersOutbox.queryLong("SELECT count(*) FROM outbox_published WHERE tenant = ?", tenant);
    }

    private static String storedTopicId() {
        return OrdersOutbox.queryString("SELECT topic_id FROM outbox_topic WHERE topic = ?", Topics.ORDERS);
    }

    private static String currentTopicId() throws Exception {
        try (Admin admin = KafkaBroker.shared().admin()) {
            return admin.describeTopics(List.of(Topics.ORDERS)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(Topics.ORDERS).topicId().toString();
        }
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        return TopicReader.header(record, CloudEventHeaders.ID).orElseThrow();
    }
}
