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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves outbox rows to Kafka: claim a batch under a lease (one short statement), produce
 * it and wait for every acknowledgement with no transaction open, then, in one transaction,
 * move the acknowledged rows to {@code outbox_published} (kept for a replay, {@link
 * TopicWatcher}), poison rows to {@code outbox_dead}, and hand the rest back with a back-off. A row that was sent but not deleted (crash, lost lease) is sent
 * again after its lease expires: delivery is at least once, in per-order version order.
 *
 * <p>Wake-ups ({@link #wake()}) may come from any thread and as often as they like: they
 * coalesce into one round at a time, and a round that claimed something is followed at
 * once by another until nothing is claimable. While the relay backs off after a database
 * failure, a wake-up ends the back-off: the NOTIFY hint behind it proves the database answers
 * again (orders just committed), so the relay need not sleep out a back-off of up to
 * {@code bookstore.outbox.backoff.max}. A back-off after a Kafka failure is slept out.
 */
public final class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long NO_TIMER = -1;

    private final String replicaId;
    private final Vertx vertx;
    /** Where a round continues after Kafka answers, so no work runs on the producer's I/O thread. */
    private final Executor onContext;
    private final Pool pool;
    private final OutboxRepository repository;
    private final OrderEventPublisher publisher;
    private final KafkaProbe kafka;
    private final OutboxMetrics metrics;
    private final PublishHealth health;
    private final Duration lease;
    private final int batchSize;
    private final ExponentialBackoff backoff;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile boolean backingOff;
    /** The back-off's timer, {@link #NO_TIMER} when none is pending; whoever takes it ends the back-off. */
    private final AtomicLong backOffTimer = new AtomicLong(NO_TIMER);
    /** After a round failed on Kafka, the next one first asks the cluster, so an outage costs no claims. */
    private volatile boolean kafkaSuspect;
    /** Written only by the round in flight, and rounds never overlap. */
    private volatile int failedRounds;

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
        this.backoff = new ExponentialBackoff(config.backoff().min(), config.backoff().max());
    }

    public String replicaId() {
        return replicaId;
    }

    /**
     * Asks for a round soon. While backing off after a Kafka failure it only leaves a note: the
     * back-off timer wakes the relay itself.
     */
    public void wake() {
        wakeRequested.set(true);
        if (backingOff && !kafkaSuspect) {
            endBackOff();
            return;
        }
        if (stopped || backingOff || !draining.compareAndSet(false, true)) {
            return;
        }
        onContext.execute(this::nextRound);
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

    /** No round starts after this; the one in flight, if any, finishes. */
    public void stop() {
        stopped = true;
    }

    /** Blocks until no round is in flight; not for an event-loop thread. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (draining.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** One round: claim, publish, settle. */
    public Uni<DrainReport> drainOnce() {
        // A single statement, hence its own short transaction: the lease, not a lock, protects the rows from here on.
        return pool.withConnection(conn -> repository.claim(conn, replicaId, lease, batchSize))
                .chain(events -> events.isEmpty()
                        ? Uni.createFrom().item(DrainReport.NOTHING_CLAIMABLE)
                        : publishAndSettle(events));
    }

    private void nextRound() {
        wakeRequested.set(false);
        round().subscribe().with(this::afterRound, this::afterFailure);
    }

    private Uni<DrainReport> round() {
        if (!kafkaSuspect) {
            return drainOnce();
        }
        return kafka.brokers()
                .emitOn(onContext)
                .chain(brokers -> {
                    kafkaSuspect = false;
                    return drainOnce();
                });
    }

    private void afterRound(DrainReport report) {
        if (report.retried() > 0) {
            kafkaSuspect = true;
            backOff(report.retryError());
            return;
        }
        if (failedRounds > 0) {
            LOG.infof("Outbox relay %s is publishing again after %d failed rounds", replicaId, failedRounds);
            failedRounds = 0;
        }
        if (!stopped && (report.claimed() > 0 || wakeRequested.get())) {
            nextRound();
            return;
        }
        draining.set(false);
        // A wake-up that arrived between the check above and the reset must not be lost.
        if (wakeRequested.get()) {
            wake();
        }
    }

    private void afterFailure(Throwable error) {
        backOff(error.getClass().getName() + ": " + error.getMessage());
    }

    private void backOff(String reason) {
        int failures = ++failedRounds;
        Duration delay = backoff.delay(failures);
        if (failures == 1) {
            LOG.warnf("Outbox relay %s backs off (retrying in %d ms, then less often until it succeeds): %s",
                    replicaId, delay.toMillis(), reason);
        } else {
            LOG.debugf("Outbox relay %s failed round %d, retrying in %d ms: %s", replicaId, failures, delay.toMillis(), reason);
        }
        backingOff = true;
        draining.set(false);
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
