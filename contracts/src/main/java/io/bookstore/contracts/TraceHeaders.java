package io.bookstore.contracts;

import java.util.List;

/** W3C Trace Context and Baggage header names, as carried on HTTP and on Kafka records. */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    public static final String BAGGAGE = "baggage";

    public static final List<String> ALL = List.of(TRACEPARENT, TRACESTATE, BAGGAGE);

    private TraceHeaders() {
    }
}
