package io.bookstore.storefront.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the storefront under {@code bookstore.storefront}. */
@ConfigMapping(prefix = "bookstore.storefront")
public interface StorefrontConfig {

    Checkout checkout();

    interface Checkout {

        /** How often a checkout answered with {@code Prefer: wait=N} asks orders for the order's status. */
        @WithDefault("200ms")
        Duration pollInterval();
    }
}
