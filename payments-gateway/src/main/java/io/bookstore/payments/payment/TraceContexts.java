package io.bookstore.payments.payment;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace context as the configured propagators write it (W3C {@code traceparent}, plus
 * {@code tracestate} and {@code baggage} when present). A payment stores the context of the
 * consumer span that registered it; the PSP echoes it back in the intent's metadata, and the
 * webhook and the settler continue the checkout's trace from it.
 */
@ApplicationScoped
public class TraceContexts {

    private static final String INSTRUMENTATION = "io.bookstore.payments";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;

    public TraceContexts(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    /** Every key the propagators write for the current context. Call it before any async hop. */
    public Map<String, String> current() {
        Map<String, String> carrier = new LinkedHashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The context a stored or echoed carrier describes; the root context when it describes none. */
    public Context extract(Map<String, String> carrier) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), carrier, MAP_GETTER);
    }

    public Tracer tracer() {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }
}
