package io.bookstore.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trace context kept as data: every key the configured propagators write (W3C
 * {@code traceparent}, plus {@code tracestate} and {@code baggage} when present), so that
 * work done later, elsewhere, continues the trace. orders stores it in the outbox row
 * (outbox-publisher makes it the parent of the produce span); payments-gateway stores the
 * consume span's in the payment and sends it as intent metadata, and the webhook and the
 * settler continue the checkout's trace from it.
 */
@ApplicationScoped
public class TraceContexts {

    private static final TextMapGetter<Map<String, String>> STORED = new TextMapGetter<>() {
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

    /** Every propagator key of the current context. Call it on the work's own context, before any async hop. */
    public Map<String, String> current() {
        Map<String, String> carrier = new LinkedHashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier;
    }

    /** The context a stored carrier describes, to be a new span's parent; the root context when it describes none. */
    public Context extract(Map<String, String> carrier) {
        return openTelemetry.getPropagators().getTextMapPropagator().extract(Context.root(), carrier, STORED);
    }
}
