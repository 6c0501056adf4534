package io.bookstore.orders.events;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The current trace context as the configured propagators write it (W3C traceparent,
 * tracestate and baggage by default), for the outbox row: outbox-publisher continues the
 * trace from exactly these keys. Call it on the request's context, before any async hop.
 */
@ApplicationScoped
public class TraceContextCapture {

    private final OpenTelemetry openTelemetry;

    public TraceContextCapture(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    public Map<String, String> current() {
        Map<String, String> carrier = new LinkedHashMap<>();
        openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), carrier, Map::put);
        return carrier;
    }
}
