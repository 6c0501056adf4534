package io.bookstore.kit.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Reads a partition again from its beginning when its topic was replaced: deleted and created
 * again under the same name (a broker that lost its volume), which the outbox-publisher fills
 * again with every event it had published.
 *
 * <p>The group's committed offsets are kept by topic name, so an offset committed for the old
 * topic can end up on the new one (a commit on the way out of the old assignment that lands
 * after the new topic exists): the consumer then starts the new topic at that offset and never
 * sees the events before it, which on the new topic are the replayed ones and the newest
 * orders. The chaos run saw it: six orders were never paid because payments-gateway started
 * each partition of the new topic at the old topic's offset.
 *
 * <p>So the consumer remembers, per partition, the id of the topic it committed offsets on
 * ({@code consumed_topic_partitions}, created by each consuming service's migration), and on
 * every assignment compares it with the topic's id now. On a new id it commits the partition's
 * first offset, seeks there and only then stores the new id, so that a consumer that dies in
 * between leaves the next owner to do the same again. The events it has applied already are
 * dropped by {@code ce_id} ({@link ProcessedEvents}). A first sight stores the id and keeps
 * the committed offsets.
 *
 * <p>When Kafka or the database does not answer within {@link #PATIENCE}, the assignment goes on
 * from the committed offsets, as it would without this check, and a warning says so: the check
 * runs on the consumer's polling thread, which must not wait long.
 */
@ApplicationScoped
@Identifier(ReplacedTopicRewinder.NAME)
public class ReplacedTopicRewinder implements KafkaConsumerRebalanceListener {

    /** The name the channel's {@code consumer-rebalance-listener.name} gives. */
    public static final String NAME = "bookstore-replaced-topic-rewinder";

    private static final Logger LOG = Logger.getLogger(ReplacedTopicRewinder.class);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Pool pool;
    private final Admin admin;
    /** Set when the service stops: its members leave the group one by one and the rest are assigned what they leave. */
    private volatile boolean stopping;

    public ReplacedTopicRewinder(Pool pool, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.pool = pool;
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "replaced-topic-rewinder");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(PATIENCE.toMillis()));
        this.admin = Admin.create(props);
    }

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (stopping) {
            // The database pool closes with the service; nothing more is read.
            return;
        }
        partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic)).forEach((topic, assigned) -> {
            try {
                rewindIfReplaced(consumer, topic, assigned);
            } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException failed) {
                if (failed instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warnf("Cannot tell whether topic %s was replaced (%s): partitions %s go on from their committed offsets",
                        topic, failed, assigned);
            }
        });
    }

    private void rewindIfReplaced(Consumer<?, ?> consumer, String topic, List<TopicPartition> assigned)
            throws InterruptedException, ExecutionException, TimeoutException {
        String topicId = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(Math.toIntExact(PATIENCE.toMillis())))
                .topicNameValues().get(topic).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                .topicId().toString();
        Map<Integer, String> consumedOn = consumedTopicIds(topic);
        for (TopicPartition partition : assigned) {
            String before = consumedOn.get(partition.partition());
            if (topicId.equals(before)) {
                continue;
            }
            if (before != null) {
                long first = consumer.beginningOffsets(List.of(partition), PATIENCE).get(partition);
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(first)), PATIENCE);
                consumer.seek(partition, first);
                LOG.warnf("Topic %s was replaced (id %s, was %s): reading partition %d again from offset %d; the events"
                        + " applied already are dropped by ce_id", topic, topicId, before, partition.partition(), first);
            }
            remember(partition, topicId);
        }
    }

    private Map<Integer, String> consumedTopicIds(String topic) {
        return pool.preparedQuery("SELECT partition, topic_id FROM consumed_topic_partitions WHERE topic = $1")
                .execute(Tuple.of(topic))
                .map(rows -> {
                    Map<Integer, String> ids = new HashMap<>();
                    for (Row row : rows) {
                        ids.put(row.getInteger("partition"), row.getString("topic_id"));
                    }
                    return ids;
                })
                .await().atMost(PATIENCE);
    }

    private void remember(TopicPartition partition, String topicId) {
        pool.preparedQuery("""
                        INSERT INTO consumed_topic_partitions (topic, partition, topic_id) VALUES ($1, $2, $3)
                        ON CONFLICT (topic, partition) DO UPDATE SET topic_id = EXCLUDED.topic_id""")
                .execute(Tuple.of(partition.topic(), partition.partition(), topicId))
                .await().atMost(PATIENCE);
    }
}
