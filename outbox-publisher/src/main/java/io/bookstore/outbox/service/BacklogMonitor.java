package io.bookstore.outbox.service;

import io.bookstore.outbox.repository.OutboxRepository;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Refreshes the backlog gauges on a timer with one aggregate query. */
final class BacklogMonitor {

    private static final Logger LOG = Logger.getLogger(BacklogMonitor.class);

    private final PeriodicTask task;

    BacklogMonitor(Vertx vertx, Pool pool, OutboxRepository repository, OutboxMetrics metrics, Duration interval) {
        this.task = new PeriodicTask(vertx, interval,
                () -> pool.withConnection(repository::backlog).invoke(metrics::backlog),
                error -> {
                    // Unknown is reported as unknown (NaN), not as the last value seen.
                    metrics.backlog(null);
                    LOG.debugf("Cannot refresh the outbox backlog: %s", error.getMessage());
                });
    }

    void start() {
        task.runNow();
        task.start();
    }

    void stop() {
        task.stop();
    }
}
