package io.bookstore.kit.kafka;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps {@code processed_events} from growing for ever: every
 * {@code bookstore.consumer.dedup-prune-interval} it deletes the event ids older than
 * {@code bookstore.consumer.dedup-retention}, in statements of at most
 * {@code bookstore.consumer.dedup-prune-batch-size} rows, until a statement finds fewer.
 *
 * <p>Every replica prunes on its own timer; replicas pruning at once skip each other's rows
 * ({@link ProcessedEvents#prune}), so the outcome is the same as one replica's. A round that
 * fails (the database away) is left to the next one.
 */
@ApplicationScoped
public class ProcessedEventsPruner {

    private static final Logger LOG = Logger.getLogger(ProcessedEventsPruner.class);

    private final Vertx vertx;
    private final Pool pool;
    private final ProcessedEvents processedEvents;
    private final ConsumerMetrics metrics;
    private final Duration retention;
    private final Duration interval;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    public ProcessedEventsPruner(Vertx vertx, Pool pool, ProcessedEvents processedEvents, ConsumerMetrics metrics,
                                 EventConsumerConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.processedEvents = processedEvents;
        this.metrics = metrics;
        this.retention = config.dedupRetention();
        this.interval = config.dedupPruneInterval();
        this.batchSize = config.dedupPruneBatchSize();
    }

    void start(@Observes StartupEvent event) {
        if (retention.toMillis() < 1 || interval.toMillis() < 1 || batchSize < 1) {
            throw new IllegalStateException("bookstore.consumer.dedup-retention, dedup-prune-interval and dedup-prune-batch-size must be positive");
        }
        timer = vertx.setPeriodic(interval.toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Starts a round unless the last one is still running. */
    private void wake() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        prune().subscribe().with(
                pruned -> {
                    running.set(false);
                    if (pruned > 0) {
                        LOG.infof("Pruned %d processed events older than %s", pruned, retention);
                    }
                },
                failure -> {
                    running.set(false);
                    LOG.warnf("Pruning processed events failed (%s); the next round tries again", failure.toString());
                });
    }

    /** One round: batches until one deletes fewer rows than a batch holds; returns the rows deleted. */
    Uni<Long> prune() {
        AtomicLong pruned = new AtomicLong();
        return Uni.createFrom().deferred(() -> processedEvents.prune(pool, retention, batchSize))
                .invoke(rows -> {
                    metrics.dedupPruned(rows);
                    pruned.addAndGet(rows);
                })
                .repeat().until(rows -> rows < batchSize)
                .collect().last()
                .map(ignored -> pruned.get());
    }
}
