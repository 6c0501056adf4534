package io.bookstore.storefront.client;

import io.bookstore.storefront.config.TracesConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The trace store as the storefront uses it: a trace's spans, none when the store has not (yet)
 * got the trace or none is configured, and any other failure a {@link DownstreamUnavailableException}.
 * The call is reactive and bounded by {@code bookstore.storefront.traces.timeout} as a whole, so a
 * dead or silent store costs a request that long and holds no thread. No retries and no breaker:
 * the shopper's page asks again, and the order pages depend on nothing here.
 */
@ApplicationScoped
public class TracesClient {

    /** The name in the storefront's 503 ("trace store is unavailable: …") and its logs. */
    public static final String DOWNSTREAM = "trace store";

    private final Optional<TracesApi> api;
    private final Duration timeout;

    public TracesClient(TracesConfig config) {
        this.timeout = config.timeout();
        this.api = config.url().map(url -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(Math.min(1000, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(TracesApi.class));
    }

    /** The trace's spans as the store lists them; empty when it has no such trace or no store is configured. */
    public Uni<List<TraceSpan>> spans(String traceId) {
        if (api.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.createFrom().deferred(() -> api.get().trace(traceId))
                .ifNoItem().after(timeout).failWith(() -> DownstreamUnavailableException.timedOut(DOWNSTREAM, null))
                .map(OtlpJsonTrace::spans)
                .onFailure(TraceNotFoundException.class).recoverWithItem(List.of())
                .onFailure().transform(failure -> Downstreams.translate(DOWNSTREAM, failure));
    }
}
