package io.bookstore.storefront.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the storefront reads an order's trace ({@code GET /api/v2/orders/{id}/trace}), under
 * {@code bookstore.storefront.traces}: a Tempo-compatible query API (the devstack's on
 * 127.0.0.1:3200, Tempo's on Kubernetes). Without a URL every order's trace has no spans.
 */
@ConfigMapping(prefix = "bookstore.storefront.traces")
public interface TracesConfig {

    /** The query API's base URL; {@code GET {url}/api/traces/{trace_id}} answers a trace as OTLP JSON. */
    Optional<URI> url();

    /**
     * A link to the trace in a trace viewer (Grafana's explore view on Kubernetes), with
     * {@code {trace_id}} standing for the trace id; without it the answer has no link.
     */
    Optional<String> link();

    /** The whole call to the query API, waiting for a pooled connection included; a slower one is a 503. */
    @WithDefault("2s")
    Duration timeout();

    /** At most this many spans of a trace are answered, the earliest. */
    @WithDefault("2000")
    int maxSpans();
}
