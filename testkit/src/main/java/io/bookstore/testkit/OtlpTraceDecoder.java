package io.bookstore.testkit;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OTLP {@code ExportTraceServiceRequest} (protobuf) into {@link ReceivedSpan}s.
 * It decodes the fields a test asserts on, by their numbers in
 * {@code opentelemetry/proto/trace/v1/trace.proto}, and skips the rest, so that no
 * generated classes (and no second protobuf runtime) are needed.
 */
final class OtlpTraceDecoder {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpTraceDecoder() {
    }

    static List<ReceivedSpan> decode(byte[] request) throws IOException {
        List<ReceivedSpan> spans = new ArrayList<>();
        CodedInputStream in = CodedInputStream.newInstance(request);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) { // resource_spans
                resourceSpans(in.readBytes(), spans);
            } else {
                in.skipField(tag);
            }
        }
        return spans;
    }

    private static void resourceSpans(ByteString bytes, List<ReceivedSpan> spans) throws IOException {
        String service = "";
        List<ByteString> scopeSpans = new ArrayList<>();
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> service = attributes(in.readBytes(), 1).getOrDefault("service.name", ""); // resource
                case 2 -> scopeSpans.add(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        for (ByteString scope : scopeSpans) {
            CodedInputStream scopeIn = scope.newCodedInput();
            for (int tag = scopeIn.readTag(); tag != 0; tag = scopeIn.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 2) { // spans
                    spans.add(span(service, scopeIn.readBytes()));
                } else {
                    scopeIn.skipField(tag);
                }
            }
        }
    }

    private static ReceivedSpan span(String service, ByteString bytes) throws IOException {
        String traceId = "";
        String spanId = "";
        String parentSpanId = "";
        String name = "";
        int kind = 0;
        long start = 0;
        long end = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        int status = 0;
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = HEX.formatHex(in.readByteArray());
                case 2 -> spanId = HEX.formatHex(in.readByteArray());
                case 4 -> parentSpanId = HEX.formatHex(in.readByteArray());
                case 5 -> name = in.readString();
                case 6 -> kind = in.readEnum();
                case 7 -> start = in.readFixed64();
                case 8 -> end = in.readFixed64();
                case 9 -> attributes.putAll(keyValue(in.readBytes()));
                case 15 -> status = statusCode(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parentSpanId, name, kind, start, end, attributes, status);
    }

    /** The repeated KeyValue field {@code field} of a message (Resource.attributes is field 1). */
    private static Map<String, String> attributes(ByteString message, int field) throws IOException {
        Map<String, String> attributes = new LinkedHashMap<>();
        CodedInputStream in = message.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == field) {
                attributes.putAll(keyValue(in.readBytes()));
            } else {
                in.skipField(tag);
            }
        }
        return attributes;
    }

    private static Map<String, String> keyValue(ByteString bytes) throws IOException {
        String key = "";
        String value = "";
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readString();
                case 2 -> value = anyValue(in.readBytes());
                default -> in.skipField(tag);
            }
        }
        return Map.of(key, value);
    }

    private static String anyValue(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    return in.readString();
                }
                case 2 -> {
                    return Boolean.toString(in.readBool());
                }
                case 3 -> {
                    return Long.toString(in.readInt64());
                }
                case 4 -> {
                    return Double.toString(in.readDouble());
                }
                default -> in.skipField(tag); // arrays, key-value lists and bytes: not asserted on
            }
        }
        return "";
    }

    private static int statusCode(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 3) {
                return in.readEnum();
            }
            in.skipField(tag);
        }
        return 0;
    }
}
