package io.bookstore.kit.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the HTTP kit under {@code bookstore.http}. */
@ConfigMapping(prefix = "bookstore.http")
public interface HttpKitConfig {

    /**
     * The largest request body the API reads. A larger one is answered 413 problem+json;
     * {@code quarkus.http.limits.max-body-size} stays above it as the transport's backstop.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();
}
