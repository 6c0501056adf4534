package io.bookstore.outbox.events;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks the cluster for its brokers, with a bounded wait and without blocking the caller.
 * The relay uses it to learn that Kafka is back before it claims rows again; readiness
 * uses it to report Kafka; the topic watcher to learn a topic's id.
 */
public final class KafkaProbe implements AutoCloseable {

    private final Admin admin;
    private final int timeoutMillis;

    public KafkaProbe(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** The number of brokers the cluster reports; fails when it does not answer in time. */
    public Uni<Integer> brokers() {
        return Uni.createFrom()
                .completionStage(() -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMillis))
                        .nodes()
                        .toCompletionStage())
                .map(nodes -> nodes.size());
    }

    /**
     * The id Kafka gave {@code topic} when it was created, empty while no such topic exists; a
     * topic deleted and created again under the same name has a new one. Fails when the cluster
     * does not answer in time.
     */
    public Uni<Optional<String>> topicId(String topic) {
        return Uni.createFrom()
                .completionStage(() -> admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMillis))
                        .topicNameValues()
                        .get(topic)
                        .toCompletionStage())
                .map(TopicDescription::topicId)
                .map(id -> Optional.of(id.toString()))
                .onFailure(KafkaProbe::isUnknownTopic).recoverWithItem(Optional.empty());
    }

    /** The admin future's failure may come wrapped in a {@code CompletionException}. */
    private static boolean isUnknownTopic(Throwable error) {
        return error instanceof UnknownTopicOrPartitionException
                || error.getCause() instanceof UnknownTopicOrPartitionException;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
