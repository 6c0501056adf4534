package io.bookstore.storefront.client;

/**
 * One span of a trace as the trace store holds it. Ids are lower-case hex; {@code parentSpanId}
 * is {@code null} for a root; {@code kind} is {@code server}, {@code client}, {@code producer},
 * {@code consumer} or {@code internal}.
 */
public record TraceSpan(
        String spanId,
        String parentSpanId,
        String service,
        String name,
        String kind,
        long startEpochNanos,
        long endEpochNanos,
        boolean error) {
}
