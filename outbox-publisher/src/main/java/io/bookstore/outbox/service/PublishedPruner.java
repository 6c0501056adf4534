package io.bookstore.outbox.service;

import io.bookstore.outbox.repository.PublishedEventsRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Deletes from {@code outbox_published} the events published longer than the replay window
 * ago, on a timer, in batches of their own short statements so that no pass holds many locks
 * or a long transaction. Replicas prune side by side ({@code SKIP LOCKED}).
 */
final class PublishedPruner {

    private static final Logger LOG = Logger.getLogger(PublishedPruner.class);

    private final Pool pool;
    private final PublishedEventsRepository repository;
    private final OutboxMetrics metrics;
    private final Duration window;
    private final int batchSize;
    private final PeriodicTask task;

    PublishedPruner(Vertx vertx, Pool pool, PublishedEventsRepository repository, OutboxMetrics metrics,
                    Duration window, Duration interval, int batchSize) {
        this.pool = pool;
        this.repository = repository;
        this.metrics = metrics;
        this.window = window;
        this.batchSize = batchSize;
        this.task = new PeriodicTask(vertx, interval, () -> pruneFrom(0),
                error -> LOG.debugf("Cannot prune outbox_published: %s", error.getMessage()));
    }

    void start() {
        task.start();
    }

    void stop() {
        task.stop();
    }

    /** Deletes batch after batch until one comes back short; emits the total. */
    private Uni<Integer> pruneFrom(int sofar) {
        return pool.withConnection(conn -> repository.prune(conn, window, batchSize))
                .invoke(metrics::pruned)
                .chain(deleted -> deleted < batchSize
                        ? Uni.createFrom().item(sofar + deleted)
                        : pruneFrom(sofar + deleted));
    }
}
