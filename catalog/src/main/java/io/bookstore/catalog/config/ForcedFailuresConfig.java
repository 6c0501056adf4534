package io.bookstore.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The demonstration switch ({@code BOOKSTORE_CATALOG_FORCED_FAILURES_ENABLED}): when on, a
 * reservation that contains the seed's {@code __forced_500__} item fails with a 500. On in
 * dev, the devstack and kind; off unless set, so never in production by accident.
 */
@ConfigMapping(prefix = "bookstore.catalog.forced-failures")
public interface ForcedFailuresConfig {

    @WithDefault("false")
    boolean enabled();
}
