package io.bookstore.outbox.service;

import io.bookstore.outbox.events.KafkaProbe;
import io.bookstore.outbox.repository.PublishedEventsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Notices that the order topic was replaced, deleted and created again under the same name
 * (a broker that lost its volume comes back with it empty), and publishes again what the
 * old topic took with it.
 *
 * <p>On a timer it asks Kafka for the topic's id and compares it with the one stored in
 * {@code outbox_topic}, so a replacement is noticed also when it happened while no relay ran.
 * On a new id it moves every event kept in {@code outbox_published} back into the outbox, in
 * one transaction guarded by the stored id (of two replicas that notice at once, one replays),
 * and wakes the relay. A topic that does not exist is left alone: nothing changes until it is
 * back under an id.
 */
final class TopicWatcher {

    private static final Logger LOG = Logger.getLogger(TopicWatcher.class);

    private final String topic;
    private final Executor onContext;
    private final Pool pool;
    private final PublishedEventsRepository repository;
    private final KafkaProbe kafka;
    private final OutboxMetrics metrics;
    private final Runnable afterReplay;
    private final PeriodicTask task;

    TopicWatcher(String topic, Vertx vertx, Pool pool, PublishedEventsRepository repository, KafkaProbe kafka,
                 OutboxMetrics metrics, Duration interval, Runnable afterReplay) {
        this.topic = topic;
        Context context = vertx.getOrCreateContext();
        this.onContext = command -> context.runOnContext(ignored -> command.run());
        this.pool = pool;
        this.repository = repository;
        this.kafka = kafka;
        this.metrics = metrics;
        this.afterReplay = afterReplay;
        // Kafka or the database down is said by the relay's back-off and readiness already.
        this.task = new PeriodicTask(vertx, interval, this::check,
                error -> LOG.debugf("Cannot check the id of topic %s: %s", topic, error.getMessage()));
    }

    void start() {
        task.start();
    }

    void stop() {
        task.stop();
    }

    /**
     * One comparison of the topic's id with the stored one; emits how many events it put back
     * into the outbox, zero when the id did not change or another replica replayed them.
     */
    Uni<Integer> check() {
        return kafka.topicId(topic)
                .emitOn(onContext)
                .chain(seen -> seen.isEmpty() ? Uni.createFrom().item(0) : compare(seen.get()));
    }

    private Uni<Integer> compare(String seen) {
        return pool.withConnection(conn -> repository.storedTopicId(conn, topic))
                .chain(stored -> {
                    if (stored.isEmpty()) {
                        LOG.infof("Topic %s has id %s; events published to it are kept for a replay", topic, seen);
                        return pool.withConnection(conn -> repository.storeFirstSight(conn, topic, seen)).replaceWith(0);
                    }
                    if (stored.get().equals(seen)) {
                        return pool.withConnection(conn -> repository.markVerified(conn, topic, seen)).replaceWith(0);
                    }
                    return replay(stored.get(), seen);
                });
    }

    private Uni<Integer> replay(String oldId, String newId) {
        return pool.withTransaction(conn -> repository.takeOver(conn, topic, oldId, newId)
                        .chain(won -> won
                                ? repository.replayAll(conn).map(Optional::of)
                                : Uni.createFrom().item(Optional.<Map<String, Integer>>empty())))
                .map(replayed -> replayed.map(byTenant -> {
                    int total = byTenant.values().stream().mapToInt(Integer::intValue).sum();
                    metrics.replayed(byTenant);
                    LOG.warnf("Topic %s was replaced (id %s, was %s): %d published events put back into the outbox to be "
                            + "published again; consumers drop by ce_id those they had already applied", topic, newId, oldId, total);
                    afterReplay.run();
                    return total;
                }).orElseGet(() -> {
                    LOG.debugf("Topic %s was replaced (id %s, was %s); another replica put its events back", topic, newId, oldId);
                    return 0;
                }));
    }
}
