package io.bookstore.outbox.events;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.time.Duration;

/**
 * Asks the cluster for its brokers, with a bounded wait and without blocking the caller.
 * The relay uses it to learn that Kafka is back before it claims rows again; readiness
 * uses it to report Kafka.
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

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
