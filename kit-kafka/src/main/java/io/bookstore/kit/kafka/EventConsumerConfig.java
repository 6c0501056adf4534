package io.bookstore.kit.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of {@link CloudEventConsumer}; the Kafka channel itself is {@code mp.messaging.incoming.order-events.*}. */
@ConfigMapping(prefix = "bookstore.consumer")
public interface EventConsumerConfig {

    Retry retry();

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
