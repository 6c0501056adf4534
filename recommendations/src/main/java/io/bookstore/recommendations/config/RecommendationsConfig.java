package io.bookstore.recommendations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings under {@code bookstore.recommendations}; the consumer's retry back-off is kit-kafka's {@code bookstore.consumer.retry.*}. */
@ConfigMapping(prefix = "bookstore.recommendations")
public interface RecommendationsConfig {

    Consumer consumer();

    /** How the order-event consumer's transaction waits for the database. */
    interface Consumer {

        /**
         * How long an event's transaction waits for a row lock. Past it the transaction fails
         * and is retried, so that a blocked consumer shows up in the logs instead of waiting
         * silently on one connection.
         */
        @WithDefault("5s")
        Duration lockTimeout();
    }
}
