package io.bookstore.outbox.service;

import io.bookstore.contracts.Topics;
import io.bookstore.outbox.config.OutboxConfig;
import io.bookstore.outbox.events.KafkaClients;
import io.bookstore.outbox.events.KafkaProbe;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.repository.OutboxRepository;
import io.bookstore.outbox.repository.PublishedEventsRepository;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs this process's relay: checks the settings, compares the order topic's id with the
 * stored one (putting its events back into the outbox if it was replaced), then wakes the
 * relay on the poll timer and on NOTIFY hints, watches the topic's id, prunes what is kept for
 * a replay, refreshes the backlog gauges, and on shutdown lets the round in flight finish
 * before the producer is closed.
 */
@ApplicationScoped
public class RelayRuntime {

    private static final Logger LOG = Logger.getLogger(RelayRuntime.class);
    private static final String REACTIVE_URL_PREFIX = "vertx-reactive:";

    private final OutboxConfig config;
    private final Vertx vertx;
    private final Pool pool;
    private final OutboxRepository repository;
    private final PublishedEventsRepository publishedEvents;
    private final KafkaClients kafkaClients;
    private final KafkaProbe kafkaProbe;
    private final OutboxMetrics metrics;
    private final PublishHealth health;
    private final OpenTelemetry openTelemetry;
    private final String datasourceUrl;
    private final Optional<String> username;
    private final Optional<String> password;

    private OrderEventPublisher publisher;
    private OutboxRelay relay;
    private NotifyListener listener;
    private BacklogMonitor backlogMonitor;
    private TopicWatcher topicWatcher;
    private PublishedPruner pruner;
    private long pollTimer = -1;
    /** Guarded by this: whether the relay was stopped, perhaps before its first topic check ended. */
    private boolean stopped;

    public RelayRuntime(OutboxConfig config, Vertx vertx, Pool pool, OutboxRepository repository,
                        PublishedEventsRepository publishedEvents,
                        KafkaClients kafkaClients, KafkaProbe kafkaProbe, OutboxMetrics metrics, PublishHealth health,
                        OpenTelemetry openTelemetry,
                        @ConfigProperty(name = "quarkus.datasource.reactive.url") String datasourceUrl,
                        @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
                        @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.config = config;
        this.vertx = vertx;
        this.pool = pool;
        this.repository = repository;
        this.publishedEvents = publishedEvents;
        this.kafkaClients = kafkaClients;
        this.kafkaProbe = kafkaProbe;
        this.metrics = metrics;
        this.health = health;
        this.openTelemetry = openTelemetry;
        this.datasourceUrl = datasourceUrl;
        this.username = username;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        requireSane(config);
        String replicaId = ReplicaIds.resolve(config.replicaId());
        publisher = new OrderEventPublisher(() -> kafkaClients.newProducer(replicaId), openTelemetry, replicaId);
        relay = new OutboxRelay(replicaId, config, vertx, pool, repository, publisher, kafkaProbe, metrics, health);
        topicWatcher = new TopicWatcher(Topics.ORDERS, vertx, pool, publishedEvents, kafkaProbe, metrics,
                config.topicCheckInterval(), relay::wake);
        pruner = new PublishedPruner(vertx, pool, publishedEvents, metrics, config.replayWindow(),
                config.prune().interval(), config.prune().batchSize());
        // The first check comes before the first claim: events of a topic replaced while no relay
        // ran go back into the outbox ahead of their orders' newer events still waiting there.
        topicWatcher.check().subscribe().with(
                replayed -> takeBackLeasesThenStart(replicaId),
                error -> {
                    LOG.warnf("Cannot compare the id of topic %s with the stored one before publishing (checked again every %s): %s",
                            Topics.ORDERS, config.topicCheckInterval(), error.getMessage());
                    takeBackLeasesThenStart(replicaId);
                });
    }

    /**
     * A configured replica id names this replica across restarts (one process at a time), so
     * the rows it holds were claimed by its previous process, which died with them in flight:
     * they are sent again now rather than after their lease. A random id holds nothing yet.
     */
    private void takeBackLeasesThenStart(String replicaId) {
        if (ReplicaIds.configured(config.replicaId()).isEmpty()) {
            startRelay(replicaId);
            return;
        }
        relay.takeBackLeases().subscribe().with(
                taken -> {
                    if (taken > 0) {
                        LOG.infof("Outbox relay %s took back %d rows its previous process had claimed", replicaId, taken);
                    }
                    startRelay(replicaId);
                },
                error -> {
                    LOG.warnf("Outbox relay %s could not take back the rows its previous process had claimed; they are sent"
                            + " again when their lease ends: %s", replicaId, error.getMessage());
                    startRelay(replicaId);
                });
    }

    private synchronized void startRelay(String replicaId) {
        if (stopped) {
            return;
        }
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> relay.wake());
        if (config.notifications().enabled()) {
            ExponentialBackoff reconnect = new ExponentialBackoff(config.backoff().min(), config.backoff().max());
            listener = new NotifyListener(vertx, listenOptions(), config.notifications().channel(), reconnect, relay::wake);
            listener.start();
        }
        backlogMonitor = new BacklogMonitor(vertx, pool, repository, metrics, config.backlogRefreshInterval());
        backlogMonitor.start();
        topicWatcher.start();
        pruner.start();
        LOG.infof("Outbox relay %s started: batch %d, %d batches in flight, lease %s, poll every %s, NOTIFY %s, replay window %s",
                replicaId, config.batchSize(), config.batchesInFlight(), config.lease(), config.pollInterval(),
                config.notifications().enabled() ? "on channel " + config.notifications().channel() : "off",
                config.replayWindow());
        relay.wake();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (relay == null) {
            return;
        }
        relay.stop();
        synchronized (this) {
            stopped = true;
            vertx.cancelTimer(pollTimer);
            if (listener != null) {
                listener.stop();
            }
            if (backlogMonitor != null) {
                backlogMonitor.stop();
                topicWatcher.stop();
                pruner.stop();
            }
        }
        // Rows of a batch cut short keep their lease and are sent again once it expires.
        if (!relay.awaitIdle(config.kafka().sendTimeout().plus(Duration.ofSeconds(2)))) {
            LOG.warnf("Outbox relay %s stopped with a batch in flight; its rows are retried after the lease", relay.replicaId());
        }
        publisher.close();
    }

    private PgConnectOptions listenOptions() {
        String url = config.notifications().url().orElse(datasourceUrl).split(",")[0].trim();
        if (url.startsWith(REACTIVE_URL_PREFIX)) {
            url = url.substring(REACTIVE_URL_PREFIX.length());
        }
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }

    private static void requireSane(OutboxConfig config) {
        Duration longestSend = config.kafka().metadataTimeout().plus(config.kafka().sendTimeout());
        if (config.lease().compareTo(longestSend) <= 0) {
            throw new IllegalStateException("bookstore.outbox.lease (" + config.lease()
                    + ") must exceed bookstore.outbox.kafka.metadata-timeout + send-timeout (" + longestSend
                    + "): a send still in flight when the lease ends could overtake another replica's");
        }
        if (config.batchSize() < 1) {
            throw new IllegalStateException("bookstore.outbox.batch-size must be at least 1");
        }
        if (config.batchesInFlight() < 1) {
            throw new IllegalStateException("bookstore.outbox.batches-in-flight must be at least 1");
        }
        if (config.readiness().failingFor().isNegative()) {
            throw new IllegalStateException("bookstore.outbox.readiness.failing-for must not be negative");
        }
        if (config.prune().batchSize() < 1) {
            throw new IllegalStateException("bookstore.outbox.prune.batch-size must be at least 1");
        }
        if (config.replayWindow().isNegative()) {
            throw new IllegalStateException("bookstore.outbox.replay-window must not be negative");
        }
        if (config.pollInterval().toMillis() < 1) {
            throw new IllegalStateException("bookstore.outbox.poll-interval must be at least 1ms");
        }
    }
}
