package io.bookstore.outbox;

import io.bookstore.contracts.Topics;
import io.bookstore.outbox.support.Drained;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.outbox.support.Readiness;
import io.bookstore.testkit.KafkaBroker;
import io.bookstore.testkit.KafkaResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker is up and answers every admin call, but the topic is gone and cannot come
 * back by itself (a broker that lost its volume, with auto-creation off): every send waits
 * for metadata that never comes and times out. No row may be dead-lettered for it, however
 * many claims it takes, and readiness says the relay cannot publish until it can again.
 */
@QuarkusTest
class PassingKafkaFailureTest {

    /**
     * A topic whose name collides with the order topic's (Kafka treats '.' and '_' alike), so
     * that the test broker refuses to auto-create the order topic when the producer asks for it.
     */
    private static final String COLLIDING_TOPIC = Topics.ORDERS.replace('.', '_');
    /** More claims than the five of {@code %test}'s former max-attempts, after which a row went to outbox_dead. */
    private static final int MANY_CLAIMS = 7;

    @Test
    void rowsOutliveAnyNumberOfPassingFailuresAndReadinessFollowsTheSends() throws Exception {
        String tenant = OrdersOutbox.tenant("notopic");
        List<UUID> orders = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = OrdersOutbox.events(orders, tenant, 2);
        KafkaBroker broker = KafkaBroker.shared();

        try (Admin admin = broker.admin()) {
            delete(admin, Topics.ORDERS);
            broker.createTopic(COLLIDING_TOPIC, 1);
            try {
                OrdersOutbox.insertAndNotify(rows);

                // Each claim of an order's first event costs a metadata timeout and a back-off.
                await().atMost(Duration.ofSeconds(90))
                        .failFast("a row went to outbox_dead", () -> OrdersOutbox.deadRows(tenant) > 0)
                        .until(() -> OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ? AND attempts >= ?",
                                tenant, MANY_CLAIMS) == orders.size());
                assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant)).isEqualTo(rows.size());
                assertThat(OrdersOutbox.queryString(
                        "SELECT last_error FROM outbox WHERE tenant = ? AND version = 1 LIMIT 1", tenant))
                        .contains("TimeoutException");

                assertThat(Readiness.of(Readiness.RELAY)).isEqualTo("DOWN");
                assertThat(Readiness.httpStatus()).isEqualTo(503);
                assertThat(Readiness.of(Readiness.KAFKA_CLUSTER)).as("what the admin client sees").isEqualTo("UP");
            } finally {
                delete(admin, COLLIDING_TOPIC);
                broker.createTopic(Topics.ORDERS, KafkaResource.ORDER_TOPIC_PARTITIONS);
            }
        }

        Drained.assertAllPublished(rows);
    }

    /** Deletes the topic and waits until the broker no longer lists it. */
    private static void delete(Admin admin, String topic) throws Exception {
        try {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
    }
}
