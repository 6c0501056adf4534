package io.bookstore.outbox.service;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Topics;
import io.bookstore.outbox.events.KafkaProbe;
import io.bookstore.outbox.repository.PublishedEventsRepository;
import io.bookstore.outbox.support.MetricsPage;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stored topic id differs from the topic's, as after a replacement while no relay ran, and
 * several replicas notice at once (two watchers of the test's own beside the application's):
 * the kept events are put back into the outbox once, so each reaches the topic exactly once more.
 */
@QuarkusTest
class ConcurrentReplayTest {

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    PublishedEventsRepository repository;
    @Inject
    KafkaProbe kafka;
    @Inject
    OutboxMetrics metrics;

    @Test
    void replicasThatSeeTheSameReplacementReplayItOnce() {
        String tenant = OrdersOutbox.tenant("tworeplicas");
        List<UUID> orders = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = OrdersOutbox.events(orders, tenant, 2);
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(rows);
            topic.awaitInVersionOrder(rows, Duration.ofSeconds(30));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> kept(tenant) == rows.size());
        String realId = OrdersOutbox.queryString("SELECT topic_id FROM outbox_topic WHERE topic = ?", Topics.ORDERS);

        OrdersOutbox.execute("UPDATE outbox_topic SET topic_id = 'replaced-' || topic_id WHERE topic = '" + Topics.ORDERS + "'");
        TopicWatcher first = watcher();
        TopicWatcher second = watcher();
        Uni.join().all(first.check(), second.check()).andCollectFailures().await().atMost(Duration.ofSeconds(20));

        try (OrderTopic topic = OrderTopic.open()) {
            topic.await(OrderTopic.keyedBy(orders), 2 * rows.size(), Duration.ofSeconds(30));
            List<ConsumerRecord<String, String>> records = topic.during(Duration.ofSeconds(2), OrderTopic.keyedBy(orders));
            assertThat(records.stream().collect(Collectors.groupingBy(ConcurrentReplayTest::ceId, Collectors.counting())))
                    .as("copies of each event on the topic")
                    .isEqualTo(rows.stream().collect(Collectors.toMap(row -> row.eventId().toString(), row -> 2L)));
        }
        assertThat(MetricsPage.value("bookstore_outbox_replayed_total", MetricsPage.tag("tenant", tenant)))
                .isEqualTo(rows.size());
        assertThat(OrdersOutbox.queryString("SELECT topic_id FROM outbox_topic WHERE topic = ?", Topics.ORDERS))
                .isEqualTo(realId);
    }

    private TopicWatcher watcher() {
        return new TopicWatcher(Topics.ORDERS, vertx, pool, repository, kafka, metrics, Duration.ofHours(1), () -> {
        });
    }

    private static long kept(String tenant) {
        return OrdersOutbox.queryLong("SELECT count(*) FROM outbox_published WHERE tenant = ?", tenant);
    }

    private static String ceId(ConsumerRecord<String, String> record) {
        return TopicReader.header(record, CloudEventHeaders.ID).orElseThrow();
    }
}
