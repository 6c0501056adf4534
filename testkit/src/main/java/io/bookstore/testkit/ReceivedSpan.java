package io.bookstore.testkit;

import java.util.Map;

/**
 * One span as a service exported it over OTLP. Ids are lower-case hex; a root span has
 * an empty {@code parentSpanId}. {@code kind} follows OTLP: 1 internal, 2 server,
 * 3 client, 4 producer, 5 consumer. Attribute values are in their text form.
 */
public record ReceivedSpan(
        String service,
        String traceId,
        String spanId,
        String parentSpanId,
        String name,
        int kind,
        long startEpochNanos,
        long endEpochNanos,
        Map<String, String> attributes,
        int statusCode) {

    public static final int KIND_INTERNAL = 1;
    public static final int KIND_SERVER = 2;
    public static final int KIND_CLIENT = 3;
    public static final int KIND_PRODUCER = 4;
    public static final int KIND_CONSUMER = 5;
    /** OTLP status code of a span that ended in error. */
    public static final int STATUS_ERROR = 2;

    public boolean isRoot() {
        return parentSpanId.isEmpty();
    }

    public long durationNanos() {
        return endEpochNanos - startEpochNanos;
    }
}
