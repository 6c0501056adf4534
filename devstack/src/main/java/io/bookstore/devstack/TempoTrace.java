package io.bookstore.devstack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bookstore.testkit.ReceivedSpan;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trace as Tempo's {@code GET /api/traces/{id}} answers it in JSON: OTLP's resource spans,
 * named {@code batches}, one per service, written as protobuf's JSON mapping writes them: int64
 * nanoseconds as decimal strings, enums by name, and zero values left out (an unspecified kind,
 * an unset status's code, a root's parent, no attributes). Ids are lower-case hex, as in OTLP/JSON.
 * The spans' own scopes are not kept on receipt, so every span is under one scope.
 */
final class TempoTrace {

    static final String SCOPE = "bookstore-devstack";
    private static final String[] KINDS = {null, "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
            "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
    private static final String[] STATUS_CODES = {null, "STATUS_CODE_OK", "STATUS_CODE_ERROR"};
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TempoTrace() {
    }

    static ObjectNode json(List<ReceivedSpan> spans) {
        Map<String, ArrayNode> byService = new LinkedHashMap<>();
        spans.stream().sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
                .forEach(span -> byService.computeIfAbsent(span.service(), service -> NODES.arrayNode()).add(span(span)));
        ObjectNode trace = NODES.objectNode();
        ArrayNode batches = trace.putArray("batches");
        byService.forEach((service, serviceSpans) -> {
            ObjectNode batch = batches.addObject();
            batch.putObject("resource").set("attributes", attributes(Map.of("service.name", service)));
            ObjectNode scopeSpans = batch.putArray("scopeSpans").addObject();
            scopeSpans.putObject("scope").put("name", SCOPE);
            scopeSpans.set("spans", serviceSpans);
        });
        return trace;
    }

    private static ObjectNode span(ReceivedSpan span) {
        ObjectNode json = NODES.objectNode()
                .put("traceId", span.traceId())
                .put("spanId", span.spanId());
        if (!span.isRoot()) {
            json.put("parentSpanId", span.parentSpanId());
        }
        json.put("name", span.name());
        named(KINDS, span.kind()).ifPresent(kind -> json.put("kind", kind));
        json.put("startTimeUnixNano", Long.toUnsignedString(span.startEpochNanos()))
                .put("endTimeUnixNano", Long.toUnsignedString(span.endEpochNanos()));
        if (!span.attributes().isEmpty()) {
            json.set("attributes", attributes(span.attributes()));
        }
        ObjectNode status = json.putObject("status");
        named(STATUS_CODES, span.statusCode()).ifPresent(code -> status.put("code", code));
        return json;
    }

    /** OTLP KeyValues; the received values are in their text form, so each is a string value. */
    private static ArrayNode attributes(Map<String, String> attributes) {
        ArrayNode list = NODES.arrayNode();
        attributes.forEach((key, value) -> {
            ObjectNode attribute = list.addObject().put("key", key);
            attribute.putObject("value").put("stringValue", value);
        });
        return list;
    }

    private static Optional<String> named(String[] names, int value) {
        return value > 0 && value < names.length ? Optional.of(names[value]) : Optional.empty();
    }
}
