package io.bookstore.storefront.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * A trace as a Tempo-compatible query API answers it: OTLP JSON. Tempo's versions and the
 * devstack's store write it differently, so both spellings of each part are read: {@code batches}
 * or {@code resourceSpans} (optionally inside {@code trace}, as Tempo's v2 API answers),
 * {@code scopeSpans} or {@code instrumentationLibrarySpans}, ids in hex or in base64 (protobuf's
 * JSON mapping of bytes), kinds and status codes as enum names or numbers, times as strings or
 * numbers. A span without a readable id or start time is left out; nothing else is required.
 */
final class OtlpJsonTrace {

    private static final Pattern HEX_ID = Pattern.compile("[0-9a-fA-F]{16}|[0-9a-fA-F]{32}");
    /** OTLP's SpanKind by number; 0 (unspecified) counts as internal, as OpenTelemetry's own SDKs treat it. */
    private static final List<String> KINDS = List.of("internal", "internal", "server", "client", "producer", "consumer");
    private static final int STATUS_CODE_ERROR = 2;

    private OtlpJsonTrace() {
    }

    /** Every readable span of the trace, in the order the answer lists them; none in an empty answer. */
    static List<TraceSpan> spans(JsonNode answer) {
        if (answer == null) {
            return List.of();
        }
        JsonNode trace = answer.has("trace") ? answer.get("trace") : answer;
        List<TraceSpan> spans = new ArrayList<>();
        for (JsonNode resourceSpans : either(trace, "batches", "resourceSpans")) {
            String service = serviceName(resourceSpans.path("resource"));
            for (JsonNode scopeSpans : either(resourceSpans, "scopeSpans", "instrumentationLibrarySpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    span(service, span).ifPresent(spans::add);
                }
            }
        }
        return spans;
    }

    /** The array under {@code name}, else the one under {@code older}; empty when neither is there. */
    private static JsonNode either(JsonNode node, String name, String older) {
        JsonNode found = node.path(name);
        return found.isArray() && !found.isEmpty() ? found : node.path(older);
    }

    private static String serviceName(JsonNode resource) {
        for (JsonNode attribute : resource.path("attributes")) {
            if ("service.name".equals(attribute.path("key").asText())) {
                return attribute.path("value").path("stringValue").asText("unknown");
            }
        }
        return "unknown";
    }

    private static Optional<TraceSpan> span(String service, JsonNode span) {
        String spanId = id(span.path("spanId"));
        OptionalLong start = nanos(span.path("startTimeUnixNano"));
        if (spanId == null || start.isEmpty()) {
            return Optional.empty();
        }
        long end = Math.max(start.getAsLong(), nanos(span.path("endTimeUnixNano")).orElse(start.getAsLong()));
        return Optional.of(new TraceSpan(spanId, id(span.path("parentSpanId")), service, span.path("name").asText(""),
                kind(span.path("kind")), start.getAsLong(), end, isError(span.path("status").path("code"))));
    }

    /**
     * An id as lower-case hex: 16 or 32 hex digits are hex already, anything else is base64 of
     * the id's bytes. {@code null} for no id, one that is neither, and the all-zero (invalid) id.
     */
    static String id(JsonNode value) {
        String text = value.asText("");
        if (text.isEmpty()) {
            return null;
        }
        String hex;
        if (HEX_ID.matcher(text).matches()) {
            hex = text.toLowerCase(Locale.ROOT);
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(text);
                if (bytes.length != 8 && bytes.length != 16) {
                    return null;
                }
                hex = HexFormat.of().formatHex(bytes);
            } catch (IllegalArgumentException notBase64) {
                return null;
            }
        }
        return hex.chars().allMatch(digit -> digit == '0') ? null : hex;
    }

    private static String kind(JsonNode value) {
        if (value.isIntegralNumber()) {
            int number = value.asInt();
            return number >= 0 && number < KINDS.size() ? KINDS.get(number) : "internal";
        }
        String name = value.asText("").toLowerCase(Locale.ROOT).replace("span_kind_", "");
        return KINDS.contains(name) ? name : "internal";
    }

    private static boolean isError(JsonNode code) {
        return code.isIntegralNumber() ? code.asInt() == STATUS_CODE_ERROR : "STATUS_CODE_ERROR".equals(code.asText());
    }

    private static OptionalLong nanos(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return OptionalLong.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(value.asText()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
