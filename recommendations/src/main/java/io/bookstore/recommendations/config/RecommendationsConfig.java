package io.bookstore.recommendations.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings under {@code bookstore.recommendations}. */
@ConfigMapping(prefix = "bookstore.recommendations")
public interface RecommendationsConfig {

    Consumer consumer();

    /** How the order-event consumer waits when its database work fails for a passing reason. */
    interface Consumer {

        /** The first pause before an event is tried again; each further pause doubles. */
        @WithDefault("200ms")
        Duration retryInitialBackoff();

        /** The longest pause between two tries: the consumer keeps trying for as long as it takes. */
        @WithDefault("10s")
        Duration retryMaxBackoff();

        /**
         * How long an event's transaction waits for a row lock. Past it the transaction fails
         * and is retried, so that a blocked consumer shows up in the logs instead of waiting
         * silently on one connection.
         */
        @WithDefault("5s")
        Duration lockTimeout();
    }
}
