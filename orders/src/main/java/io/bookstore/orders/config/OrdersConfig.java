package io.bookstore.orders.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the orders service under {@code bookstore.orders}. */
@ConfigMapping(prefix = "bookstore.orders")
public interface OrdersConfig {

    /**
     * The largest request body the API reads. A larger one is answered 413 problem+json;
     * {@code quarkus.http.limits.max-body-size} stays above it as the transport's backstop.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();
}
