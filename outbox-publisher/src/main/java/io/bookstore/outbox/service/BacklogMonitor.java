package io.bookstore.outbox.service;

import io.bookstore.outbox.repository.OutboxRepository;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Refreshes the backlog gauges on a timer with one aggregate query. */
final class BacklogMonitor {

    private static final Logger LOG = Logger.getLogger(BacklogMonitor.class);

    private final Vertx vertx;
    private final Pool pool;
    private final OutboxRepository repository;
    private final OutboxMetrics metrics;
    private final Duration interval;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private long timerId = -1;

    BacklogMonitor(Vertx vertx, Pool pool, OutboxRepository repository, OutboxMetrics metrics, Duration interval) {
        this.vertx = vertx;
        this.pool = pool;
        this.repository = repository;
        this.metrics = metrics;
        this.interval = interval;
    }

    void start() {
        refresh();
        timerId = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> refresh());
    }

    void stop() {
        vertx.cancelTimer(timerId);
    }

    private void refresh() {
        // A slow database must not pile up refreshes.
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        pool.withConnection(repository::backlog)
                .subscribe().with(
                        backlog -> {
                            metrics.backlog(backlog);
                            refreshing.set(false);
                        },
                        error -> {
                            // Unknown is reported as unknown (NaN), not as the last value seen.
                            metrics.backlog(null);
                            LOG.debugf("Cannot refresh the outbox backlog: %s", error.getMessage());
                            refreshing.set(false);
                        });
    }
}
