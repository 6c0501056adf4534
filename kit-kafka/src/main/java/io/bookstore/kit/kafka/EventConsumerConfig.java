package io.bookstore.kit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Settings of {@link CloudEventConsumer} and {@link ProcessedEventsPruner}; the Kafka channel
 * itself is {@code mp.messaging.incoming.order-events.*}.
 */
@ConfigMapping(prefix = "bookstore.consumer")
public interface EventConsumerConfig {

    Retry retry();

    /**
     * How long an event id stays in {@code processed_events}: a redelivery within it is a
     * duplicate, one after it is processed again. It must exceed the longest time after which
     * a record can be delivered again: a consumer group reset to the earliest offset replays
     * what the topic still holds, up to its {@code retention.ms} plus {@code segment.ms}
     * (kit-kafka's README).
     */
    @WithDefault("15d")
    Duration dedupRetention();

    /** How often a replica deletes the event ids older than {@link #dedupRetention()}. */
    @WithDefault("1h")
    Duration dedupPruneInterval();

    /** Rows one pruning statement deletes at most, so that no statement holds many row locks or runs long. */
    @WithDefault("10000")
    int dedupPruneBatchSize();

    /**
     * Exponential back-off while a record fails for a passing reason (the database is down,
     * slow or locked). Such a record is retried until it succeeds, never dead-lettered: its
     * partition waits for the database instead of losing the event.
     */
    interface Retry {

        /** The first pause before a record is tried again; each further pause doubles. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest pause between two tries. */
        @WithDefault("10s")
        Duration maxBackoff();
    }
}
