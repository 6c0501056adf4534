package io.bookstore.outbox.config;

import io.bookstore.contracts.OutboxNotify;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Settings of the outbox relay. Checked at start-up by {@code RelayRuntime}. */
@ConfigMapping(prefix = "bookstore.outbox")
public interface OutboxConfig {

    /** Rows claimed per batch. An order contributes at most its oldest unpublished event to a batch. */
    @WithDefault("100")
    int batchSize();

    /**
     * Batches being produced and settled at once: the next claim runs while earlier batches
     * wait for their acknowledgements. 1 makes the relay claim only after the last batch
     * settled.
     */
    @WithDefault("2")
    int batchesInFlight();

    /**
     * How long a claim keeps other replicas off a row. It must outlast the longest send
     * (metadata wait + delivery timeout), or a slow send would overlap another replica's.
     */
    @WithDefault("60s")
    Duration lease();

    /** The safety-net wake-up: NOTIFY is only a hint, and this timer alone delivers every row. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * Identifies this replica in {@code claimed_by}; defaults to the host name plus a random
     * suffix. A configured id must name one process at a time and stay the same across its
     * restarts (a pod's name, a StatefulSet's ordinal): a process started under it takes back
     * the rows the id holds, whose process died, instead of waiting out their lease.
     */
    Optional<String> replicaId();

    /** How often the pending-rows and oldest-age gauges are refreshed (one aggregate query). */
    @WithDefault("15s")
    Duration backlogRefreshInterval();

    /**
     * How often the order topic's id is compared with the one stored in {@code outbox_topic}: a
     * new id (the topic was deleted and created again) puts the events kept in
     * {@code outbox_published} back into the outbox.
     */
    @WithDefault("5s")
    Duration topicCheckInterval();

    /**
     * How long a published event is kept for a replay. It bounds the consumer lag that survives
     * a lost topic: an event a consumer had not read this long after its publishing is gone.
     */
    @WithDefault("15m")
    Duration replayWindow();

    Prune prune();

    Backoff backoff();

    /** Named for the {@code bookstore.outbox.notify.*} keys; {@code notify()} is taken by {@link Object}. */
    @WithName("notify")
    Notify notifications();

    Kafka kafka();

    Readiness readiness();

    /** Deleting published events once older than {@code replay-window}. */
    interface Prune {

        @WithDefault("1m")
        Duration interval();

        /** Rows deleted per statement; a pass repeats it until fewer are left. */
        @WithDefault("1000")
        int batchSize();
    }

    /** Exponential back-off of a row that failed for a passing reason, and of the relay while Kafka is down. */
    interface Backoff {

        @WithDefault("500ms")
        Duration min();

        @WithDefault("30s")
        Duration max();
    }

    /** The {@code pg_notify} hint that orders sends after each commit. */
    interface Notify {

        @WithDefault("true")
        boolean enabled();

        @WithDefault(OutboxNotify.CHANNEL)
        String channel();

        /**
         * Where to LISTEN when it is not the datasource URL, e.g. the primary directly when the
         * pool goes through a transaction-mode PgBouncer, which cannot hold a LISTEN. The
         * datasource user and password are used either way.
         */
        Optional<String> url();
    }

    /** When readiness says that the relay cannot publish. */
    interface Readiness {

        /**
         * How long every send may fail, with no acknowledgement between, before readiness is
         * DOWN. Short failures (a leader election) do not flip it; one acknowledgement ends it.
         */
        @WithDefault("10s")
        Duration failingFor();
    }

    interface Kafka {

        /** Longest wait for an acknowledgement: the producer's {@code delivery.timeout.ms}. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Longest wait for cluster metadata ({@code max.block.ms}), also the timeout of the broker probe. */
        @WithDefault("5s")
        Duration metadataTimeout();

        @WithDefault("5ms")
        Duration linger();
    }
}
