package io.bookstore.outbox.service;

import io.bookstore.contracts.OutboxRow;
import io.bookstore.outbox.config.OutboxConfig;
import io.bookstore.outbox.domain.DrainReport;
import io.bookstore.outbox.domain.OutboxEvent;
import io.bookstore.outbox.domain.RowFailure;
import io.bookstore.outbox.events.KafkaProbe;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.events.SendOutcome;
import io.bookstore.outbox.repository.OutboxRepository;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves outbox rows to Kafka in batches: claim a batch under a lease (one short statement),
 * produce it and wait for every acknowledgement with no transaction open, then move the
 * acknowledged rows to {@code outbox_published} (kept for a replay, {@link TopicWatcher}),
 * poison rows to {@code outbox_dead}, and hand the rest back with a back-off. A row that was
 * sent but not deleted (crash, lost lease) is sent again after its lease expires: delivery is
 * at least once, in per-order version order.
 *
 * <p>Batches overlap: while one is being produced and settled, the next claim runs, up to
 * {@code bookstore.outbox.batches-in-flight} batches out at once. So a row committed while a
 * batch is out waits for the next claim, not for that batch's acknowledgements and settling
 * and then a whole batch of its own. Batches out together never hold two events of one order:
 * only an order's oldest row is claimable, and it stays in the outbox until its batch has
 * settled, so the next version is claimed only after the previous one was acknowledged.
 *
 * <p>Wake-ups ({@link #wake()}) may come from any thread and as often as they like: they
 * coalesce into one claim at a time. A claim that found rows is followed at once by another,
 * and a settled batch wakes the relay (its orders' next versions have become claimable). While
 * the relay backs off after a database failure, a wake-up ends the back-off: the NOTIFY hint
 * behind it proves the database answers again (orders just committed), so the relay need not
 * sleep out a back-off of up to {@code bookstore.outbox.backoff.max}. A back-off after a Kafka
 * failure is slept out. Batches already out finish during a back-off; no new one is claimed.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long NO_TIMER = -1;

    private final String replicaId;
    private final Vertx vertx;
    /** Where the relay continues after Kafka answers, so no work runs on the producer's I/O thread. */
    private final Executor onContext;
    private final Pool pool;
    private final OutboxRepository repository;
    private final OrderEventPublisher publisher;
    private final KafkaProbe kafka;
    private final OutboxMetrics metrics;
    private final PublishHealth health;
    private final Duration lease;
    private final int batchSize;
    private final int maxBatchesInFlight;
    private final ExponentialBackoff backoff;

    /** Held by the one claim loop while it runs: claims never overlap, only batches do. */
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean backingOff;
    /** The back-off's timer, {@link #NO_TIMER} when none is pending; whoever takes it ends the back-off. */
    private final AtomicLong backOffTimer = new AtomicLong(NO_TIMER);
    /** After a batch failed on Kafka, the next claim first asks the cluster, so an outage costs no claims. */
    private volatile boolean kafkaSuspect;
    /** Claims and batches that failed since the last batch that went through. */
    private final AtomicInteger failures = new AtomicInteger();

    public OutboxRelay(String replicaId, OutboxConfig config, Vertx vertx, Pool pool, OutboxRepository repository,
                       OrderEventPublisher publisher, KafkaProbe kafka, OutboxMetrics metrics, PublishHealth health) {
        this.replicaId = replicaId;
        this.vertx = vertx;
        Context context = vertx.getOrCreateContext();
        this.onContext = command -> context.runOnContext(ignored -> command.run());
        this.pool = pool;
        this.repository = repository;
        this.publisher = publisher;
        this.kafka = kafka;
        this.metrics = metrics;
        this.health = health;
        this.lease = config.lease();
        this.batchSize = config.batchSize();
        this.maxBatchesInFlight = config.batchesInFlight();
        this.backoff = new ExponentialBackoff(config.backoff().min(), config.backoff().max());
    }

    public String replicaId() {
        return replicaId;
    }

    /**
     * Asks for a claim soon. While backing off after a Kafka failure it only leaves a note: the
     * back-off timer wakes the relay itself.
     */
    public void wake() {
        wakeRequested.set(true);
        if (backingOff && !kafkaSuspect) {
            endBackOff();
            return;
        }
        if (!mayClaim() || !claiming.compareAndSet(false, true)) {
            return;
        }
        onContext.execute(this::claimNext);
    }

    private boolean mayClaim() {
        return !stopped && !backingOff && batchesInFlight.get() < maxBatchesInFlight;
    }

    /** Ends the back-off now, unless its timer has already fired and does the same. */
    private void endBackOff() {
        long timer = backOffTimer.getAndSet(NO_TIMER);
        if (timer != NO_TIMER && vertx.cancelTimer(timer)) {
            onContext.execute(() -> {
                backingOff = false;
                wake();
            });
        }
    }

    /** No claim starts after this; the batches out, if any, finish. */
    public void stop() {
        stopped = true;
    }

    /** Blocks until no claim runs and no batch is out; not for an event-loop thread. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (claiming.get() || batchesInFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Ends the leases this replica id holds, before the relay's first claim. When the id names
     * one process at a time (configured: a pod's name, the devstack's), the process that took
     * them is dead, and its rows would otherwise wait out their lease (a minute) before any
     * replica sent them again. How many rows it freed.
     */
    public Uni<Integer> takeBackLeases() {
        return pool.withConnection(conn -> repository.endLeasesOf(conn, replicaId));
    }

    /** One batch, on its own: claim, publish, settle. */
    public Uni<DrainReport> drainOnce() {
        return claim().chain(events -> events.isEmpty()
                ? Uni.createFrom().item(DrainReport.NOTHING_CLAIMABLE)
                : publishAndSettle(events));
    }

    private Uni<List<OutboxEvent>> claim() {
        // A single statement, hence its own short transaction: the lease, not a lock, protects the rows from here on.
        return pool.withConnection(conn -> repository.claim(conn, replicaId, lease, batchSize));
    }

    /** Run by the holder of {@link #claiming} only. */
    private void claimNext() {
        if (!mayClaim()) {
            claiming.set(false);
            // What unblocked it meanwhile (a batch settled, the back-off ended) found the loop still claiming.
            if (mayClaim() && wakeRequested.get()) {
                wake();
            }
            return;
        }
        wakeRequested.set(false);
        checkedClaim().subscribe().with(this::afterClaim, this::afterClaimFailure);
    }

    private Uni<List<OutboxEvent>> checkedClaim() {
        if (!kafkaSuspect) {
            return claim();
        }
        return kafka.brokers()
                .emitOn(onContext)
                .chain(brokers -> {
                    kafkaSuspect = false;
                    return claim();
                });
    }

    private void afterClaim(List<OutboxEvent> events) {
        if (!events.isEmpty()) {
            // Claimed rows go out even if a back-off began meanwhile: otherwise they would wait out their lease.
            batchesInFlight.incrementAndGet();
            publishAndSettle(events).subscribe().with(this::afterBatch, this::afterBatchFailure);
            claimNext();
            return;
        }
        if (wakeRequested.get()) {
            claimNext();
            return;
        }
        claiming.set(false);
        // A wake-up that arrived between the check above and the reset must not be lost.
        if (wakeRequested.get()) {
            wake();
        }
    }

    private void afterClaimFailure(Throwable error) {
        backOff(error.getClass().getName() + ": " + error.getMessage());
        claiming.set(false);
    }

    private void afterBatch(DrainReport report) {
        batchesInFlight.decrementAndGet();
        if (report.retried() > 0) {
            kafkaSuspect = true;
            backOff(report.retryError());
            return;
        }
        int failed = failures.getAndSet(0);
        if (failed > 0) {
            LOG.infof("Outbox relay %s is publishing again after %d failed claims or batches", replicaId, failed);
        }
        // Its rows left the outbox, so their orders' next versions are claimable now.
        wake();
    }

    private void afterBatchFailure(Throwable error) {
        batchesInFlight.decrementAndGet();
        backOff(error.getClass().getName() + ": " + error.getMessage());
    }

    /** Stops new claims until its timer (or, after a database failure, a wake-up) ends it. */
    private void backOff(String reason) {
        int failed = failures.incrementAndGet();
        Duration delay = backoff.delay(failed);
        if (failed == 1) {
            LOG.warnf("Outbox relay %s backs off (retrying in %d ms, then less often until it succeeds): %s",
                    replicaId, delay.toMillis(), reason);
        } else {
            LOG.debugf("Outbox relay %s failed %d times, retrying in %d ms: %s", replicaId, failed, delay.toMillis(), reason);
        }
        backingOff = true;
        backOffTimer.set(vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
            if (backOffTimer.compareAndSet(id, NO_TIMER)) {
                backingOff = false;
                wake();
            }
        }));
    }

    /**
     * However often a row was claimed, it is sent again: only a row at fault ({@link
     * SendOutcome.Status#POISON}) goes to outbox_dead, never one that Kafka could not take yet.
     */
    private Uni<DrainReport> publishAndSettle(List<OutboxEvent> events) {
        return publisher.publish(events)
                .emitOn(onContext)
                .chain(this::settle);
    }

    private Uni<DrainReport> settle(List<SendOutcome> outcomes) {
        List<Long> published = new ArrayList<>();
        List<SendOutcome> poison = new ArrayList<>();
        List<RowFailure> dead = new ArrayList<>();
        List<RowFailure> later = new ArrayList<>();
        String retryError = null;
        for (SendOutcome outcome : outcomes) {
            OutboxEvent event = outcome.event();
            switch (outcome.status()) {
                case ACKED -> {
                    metrics.published(outcome);
                    published.add(event.id());
                    logPublished(outcome);
                }
                case POISON -> {
                    poison.add(outcome);
                    dead.add(new RowFailure(event.id(), outcome.error(), Duration.ZERO));
                }
                case RETRY -> {
                    retryError = retryError == null ? outcome.error() : retryError;
                    later.add(new RowFailure(event.id(), outcome.error(), backoff.delay(event.attempts())));
                }
            }
        }
        String firstRetryError = retryError;
        if (!published.isEmpty()) {
            health.published();
        } else if (firstRetryError != null) {
            health.failed(firstRetryError);
        }
        if (dead.isEmpty() && later.isEmpty()) {
            // The usual batch: one statement, its own transaction, so one round trip instead of three.
            return pool.withConnection(conn -> repository.movePublished(conn, published, replicaId))
                    .invoke(deleted -> warnIfLeaseLost(published.size(), deleted))
                    .map(deleted -> new DrainReport(outcomes.size(), published.size(), 0, 0, null));
        }
        return pool.withTransaction(conn -> repository.movePublished(conn, published, replicaId)
                        .invoke(deleted -> warnIfLeaseLost(published.size(), deleted))
                        .chain(() -> repository.bury(conn, dead, replicaId))
                        .call(() -> repository.release(conn, later, replicaId)))
                .invoke(buried -> recordDead(poison, Set.copyOf(buried)))
                .map(buried -> new DrainReport(outcomes.size(), published.size(), buried.size(), later.size(), firstRetryError));
    }

    private void warnIfLeaseLost(int published, int deleted) {
        if (deleted < published) {
            LOG.warnf("Outbox relay %s: %d of %d published rows were no longer leased to it (lease expired and "
                    + "another replica claimed them); they will be published again", replicaId, published - deleted, published);
        }
    }

    /** One line per published event, under the produce span's ids. */
    private void logPublished(SendOutcome outcome) {
        OutboxRow row = outcome.event().row();
        logAbout(outcome, () -> LOG.infof("Published %s of order %s (v%d) as event %s", row.eventType(),
                row.aggregateId(), row.version(), row.eventId()));
    }

    /**
     * Writes a line about one event with its tenant, and its produce span's ids when it has
     * them, in the logging MDC. The relay runs on a root event-loop context, where the MDC
     * keeps nothing, so the line is written on a duplicated context of its own, as Quarkus
     * gives every request.
     */
    private void logAbout(SendOutcome outcome, Runnable line) {
        VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> {
            MDC.put("tenant", outcome.event().row().tenant());
            if (outcome.span().isValid()) {
                MDC.put("traceId", outcome.span().getTraceId());
                MDC.put("spanId", outcome.span().getSpanId());
            }
            line.run();
        });
    }

    private void recordDead(List<SendOutcome> poison, Set<Long> buried) {
        for (SendOutcome outcome : poison) {
            OutboxEvent event = outcome.event();
            if (!buried.contains(event.id())) {
                continue;
            }
            metrics.dead(event);
            OutboxRow row = event.row();
            logAbout(outcome, () -> LOG.errorf("Outbox row %d (event %s, order %s v%d, %s) moved to outbox_dead: %s",
                    event.id(), row.eventId(), row.aggregateId(), row.version(), row.eventType(), outcome.error()));
        }
    }
}
