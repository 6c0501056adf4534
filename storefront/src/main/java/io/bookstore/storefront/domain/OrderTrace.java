package io.bookstore.storefront.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The trace of the checkout that made an order, as the order page draws it: its spans by start,
 * each placed relative to the earliest (epoch nanoseconds do not fit a JavaScript number).
 * {@code traceId} is {@code null} for an order older than the trace ids orders keeps; {@code link}
 * is present when a trace viewer is configured. No spans: none arrived yet, or no store is configured.
 */
public record OrderTrace(
        String traceId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String link,
        List<Span> spans) {

    public OrderTrace {
        spans = List.copyOf(spans);
    }

    /**
     * One span: {@code parentSpanId} {@code null} for the root (or a span whose parent was not
     * exported); {@code kind} {@code server}, {@code client}, {@code producer}, {@code consumer}
     * or {@code internal}; {@code error} when the span ended with the error status.
     */
    public record Span(
            String spanId,
            String parentSpanId,
            String service,
            String name,
            String kind,
            long startOffsetUs,
            long durationUs,
            boolean error) {
    }
}
