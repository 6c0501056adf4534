package io.bookstore.kit.kafka;

import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A group's committed offset of a topic that was deleted and created again (the offset the old
 * topic left behind, as a commit on the way out of the old assignment leaves it) against the
 * real broker and database: the partition is read again from its beginning, once; a topic seen
 * for the first time, and the same topic again, keep their committed offsets. A topic of this
 * test's own, so that the kit's order-events consumer is not disturbed.
 */
@QuarkusTest
class ReplacedTopicRewinderTest {

    @Inject
    @Identifier(ReplacedTopicRewinder.NAME)
    ReplacedTopicRewinder rewinder;

    private final String topic = "kit.replaced-topic." + UUID.randomUUID();
    private final String group = "kit-replaced-topic-" + UUID.randomUUID();
    private final TopicPartition partition = new TopicPartition(topic, 0);

    @Test
    void aPartitionOfAReplacedTopicIsReadAgainFromItsBeginningOnce() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()))) {
            create(admin);
            write(5);
            assertThat(assignedAt(5)).as("first sight: the committed offset holds").isEqualTo(5);

            admin.deleteTopics(List.of(topic)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
            create(admin);
            write(8);
            try (KafkaConsumer<String, String> consumer = consumer()) {
                consumer.assign(List.of(partition));
                // The old topic's offset, committed again by name onto the new topic.
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(5)));
                rewinder.onPartitionsAssigned(consumer, List.of(partition));
                assertThat(consumer.position(partition)).as("the new topic's first record").isZero();
                assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isZero();
            }

            assertThat(assignedAt(3)).as("the same topic again: the committed offset holds").isEqualTo(3);
        }
    }

    /** Where a consumer of the group starts the partition after an assignment with {@code committed} committed. */
    private long assignedAt(long committed) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(committed)));
            rewinder.onPartitionsAssigned(consumer, List.of(partition));
            return consumer.position(partition);
        }
    }

    private void create(Admin admin) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get() == null);
    }

    private void write(int records) {
        try (TopicWriter writer = TopicWriter.to(KafkaResource.bootstrapServers())) {
            for (int i = 0; i < records; i++) {
                writer.send(topic, "key", "record " + i, Map.of());
            }
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
    }
}
