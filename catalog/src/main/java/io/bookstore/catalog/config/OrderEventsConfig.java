package io.bookstore.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the order-events consumer; the Kafka channel itself is {@code mp.messaging.incoming.order-events.*}. */
@ConfigMapping(prefix = "bookstore.order-events")
public interface OrderEventsConfig {

    Retry retry();

    /**
     * Exponential back-off while a record fails for a passing reason (the database is down or
     * slow). Such a record is retried until it succeeds, never dead-lettered: its partition
     * waits for the database instead of losing the event.
     */
    interface Retry {

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }
}
