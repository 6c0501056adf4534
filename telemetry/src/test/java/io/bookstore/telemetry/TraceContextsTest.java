package io.bookstore.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A context survives being stored as a map: what the outbox row and the intent metadata carry. */
class TraceContextsTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    /** The propagators Quarkus configures by default: W3C trace context and baggage. */
    private final TraceContexts traces = new TraceContexts(OpenTelemetry.propagating(ContextPropagators.create(
            TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()))));

    @Test
    void theCurrentContextIsCapturedWithEveryPropagatorKey() {
        try (Scope ignored = context().makeCurrent()) {
            assertThat(traces.current()).containsOnly(
                    Map.entry("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01"),
                    Map.entry("tracestate", "storefront=edge1"),
                    Map.entry("baggage", "campaign=spring"));
        }
    }

    @Test
    void aCapturedContextIsTheParentItDescribes() {
        Map<String, String> stored;
        try (Scope ignored = context().makeCurrent()) {
            stored = traces.current();
        }

        Context restored = traces.extract(stored);

        SpanContext parent = Span.fromContext(restored).getSpanContext();
        assertThat(parent.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(parent.getSpanId()).isEqualTo(SPAN_ID);
        assertThat(parent.isRemote()).isTrue();
        assertThat(parent.getTraceState().get("storefront")).isEqualTo("edge1");
        assertThat(Baggage.fromContext(restored).getEntryValue("campaign")).isEqualTo("spring");
    }

    @Test
    void withoutATraceThereIsNothingToStoreOrContinue() {
        assertThat(traces.current()).isEmpty();
        assertThat(Span.fromContext(traces.extract(Map.of())).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(traces.extract(null)).getSpanContext().isValid()).isFalse();
    }

    private static Context context() {
        SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.builder().put("storefront", "edge1").build());
        return Context.root().with(Span.wrap(span)).with(Baggage.builder().put("campaign", "spring").build());
    }
}
