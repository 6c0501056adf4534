package io.bookstore.outbox.support;

import io.bookstore.outbox.config.OutboxConfig;
import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.events.KafkaClients;
import io.bookstore.outbox.events.KafkaProbe;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.repository.OutboxRepository;
import io.bookstore.outbox.service.OutboxMetrics;
import io.bookstore.outbox.service.OutboxRelay;
import io.bookstore.outbox.service.PublishHealth;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * Another relay replica beside the application's own, built from the application's beans:
 * its own replica id and producer over the same outbox and broker, for tests of replicas that
 * race or die.
 */
@Singleton
public class ExtraReplica {

    @Inject
    OutboxConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    OutboxRepository repository;
    @Inject
    KafkaClients kafkaClients;
    @Inject
    KafkaProbe kafkaProbe;
    @Inject
    OutboxMetrics metrics;
    @Inject
    OpenTelemetry openTelemetry;

    public OutboxConfig config() {
        return config;
    }

    /** A producer of the replica's own, publishing as the application's relay does. */
    public OrderEventPublisher publisher(String replicaId) {
        return new OrderEventPublisher(() -> kafkaClients.newProducer(replicaId), openTelemetry, replicaId);
    }

    /** A whole relay of the replica's own, publishing with {@code publisher}; its health is not the application's. */
    public OutboxRelay relay(String replicaId, OrderEventPublisher publisher) {
        return new OutboxRelay(replicaId, config, vertx, pool, repository, publisher, kafkaProbe, metrics,
                new PublishHealth(config));
    }

    /** Claims up to {@code limit} rows for the replica, under the configured lease, as its relay would. */
    public List<OutboxEvent> claim(String replicaId, int limit) {
        return claim(replicaId, limit, config.lease());
    }

    /** Claims up to {@code limit} rows for the replica under {@code lease}. */
    public List<OutboxEvent> claim(String replicaId, int limit, Duration lease) {
        return pool.withConnection(conn -> repository.claim(conn, replicaId, lease, limit))
                .await().atMost(Duration.ofSeconds(10));
    }
}
