package io.bookstore.storefront;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * GET /api/v2/orders/{id}/trace: the waterfall of the checkout that made the order, read from the
 * trace store ({@link TraceStoreStub} stands in for Tempo) for the caller's own orders only.
 */
@QuarkusTest
class OrderTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_FOUND = "urn:bookstore:problem:not-found";
    /** 2024-12-04T08:13:20Z in epoch nanoseconds: more than a JavaScript number holds exactly. */
    private static final long T0 = 1_733_300_000_123_456_789L;

    /** The two ways Tempo's versions write a trace: hex ids and enum names, or base64 ids and numbers. */
    enum Form {
        HEX_AND_NAMES, BASE64_AND_NUMBERS
    }

    /** One span of a checkout's trace as the test hands it to the store; ids as 8-byte hex. */
    private record Span(String service, String spanId, String parentSpanId, String name, int kind, long startMicros,
            long durationMicros, boolean error) {
    }

    /** An accepted checkout: its order, and the trace it ran under. */
    private record Checkout(String orderId, String traceId) {
    }

    @ParameterizedTest
    @EnumSource(Form.class)
    void theTraceIsEveryServicesSpansByStartOnTheCheckoutsTimeLine(Form form) throws Exception {
        String tenant = Api.newTenant();
        Checkout checkout = checkout(tenant);
        // Listed by service, as the store groups them, not by start.
        List<Span> spans = List.of(
                new Span("storefront", "00000000000000a1", null, "POST /api/v2/checkout", 2, 0, 50_000, false),
                new Span("storefront", "00000000000000b2", "00000000000000a1", "POST", 3, 5_000, 15_000, false),
                new Span("payments-gateway", "00000000000000e5", "00000000000000d4", "bookstore.orders.v1 process", 5, 40_000, 1_500, true),
                new Span("orders", "00000000000000c3", "00000000000000b2", "POST /orders", 2, 6_000, 12_000, false),
                new Span("outbox-publisher", "00000000000000d4", "00000000000000c3", "bookstore.orders.v1 publish", 4, 30_000, 2_000, false),
                new Span("orders", "00000000000000f6", "00000000000000c3", "INSERT bookstore_orders.orders", 1, 7_000, 1_000, false));
        TraceStoreStub.answer(checkout.traceId(), trace(checkout.traceId(), spans, form));

        String answer = Api.trace(tenant, checkout.orderId())
                .statusCode(200)
                .contentType(containsString("application/json"))
                .extract().asString();

        assertThat(JSON.readTree(answer)).isEqualTo(JSON.readTree("""
                {"trace_id":"%s","link":"https://grafana.example/explore?trace=%s","spans":[
                 {"span_id":"00000000000000a1","parent_span_id":null,"service":"storefront","name":"POST /api/v2/checkout",
                  "kind":"server","start_offset_us":0,"duration_us":50000,"error":false},
                 {"span_id":"00000000000000b2","parent_span_id":"00000000000000a1","service":"storefront","name":"POST",
                  "kind":"client","start_offset_us":5000,"duration_us":15000,"error":false},
                 {"span_id":"00000000000000c3","parent_span_id":"00000000000000b2","service":"orders","name":"POST /orders",
                  "kind":"server","start_offset_us":6000,"duration_us":12000,"error":false},
                 {"span_id":"00000000000000f6","parent_span_id":"00000000000000c3","service":"orders",
                  "name":"INSERT bookstore_orders.orders","kind":"internal","start_offset_us":7000,"duration_us":1000,"error":false},
                 {"span_id":"00000000000000d4","parent_span_id":"00000000000000c3","service":"outbox-publisher",
                  "name":"bookstore.orders.v1 publish","kind":"producer","start_offset_us":30000,"duration_us":2000,"error":false},
                 {"span_id":"00000000000000e5","parent_span_id":"00000000000000d4","service":"payments-gateway",
                  "name":"bookstore.orders.v1 process","kind":"consumer","start_offset_us":40000,"duration_us":1500,"error":true}]}
                """.formatted(checkout.traceId(), checkout.traceId())));
        assertThat(TraceStoreStub.requests(checkout.traceId())).containsExactly("application/json");
    }

    @Test
    void aTraceTheStoreHasNotGotYetHasNoSpans() {
        String tenant = Api.newTenant();
        Checkout checkout = checkout(tenant);

        Api.trace(tenant, checkout.orderId())
                .statusCode(200)
                .body("trace_id", equalTo(checkout.traceId()))
                .body("link", equalTo("https://grafana.example/explore?trace=" + checkout.traceId()))
                .body("spans", empty());
        assertThat(TraceStoreStub.requests(checkout.traceId())).hasSize(1);
    }

    @Test
    void anotherTenantsOrderIsNotFoundAndItsTraceIsNotAskedFor() {
        Checkout checkout = checkout(Api.newTenant());
        TraceStoreStub.answer(checkout.traceId(), "{\"batches\":[]}");

        Api.trace(Api.newTenant(), checkout.orderId()).spec(Api.problem(404, NOT_FOUND));
        for (String unknown : List.of(UUID.randomUUID().toString(), "order-1")) {
            Api.trace(Api.newTenant(), unknown).spec(Api.problem(404, NOT_FOUND));
        }
        assertThat(TraceStoreStub.requests(checkout.traceId())).isEmpty();
    }

    @Test
    void anOrderOlderThanTraceIdsHasNoTraceAndNoLink() {
        String tenant = Api.newTenant();
        String orderId = Api.acceptedOrderId(Api.checkout(tenant, Api.basket(Databases.newBook(5))));
        Databases.forgetTraceId(UUID.fromString(orderId));

        Api.trace(tenant, orderId)
                .statusCode(200)
                .body("$", hasKey("trace_id"))
                .body("trace_id", nullValue())
                .body("$", not(hasKey("link")))
                .body("spans", empty());
    }

    @Test
    void aFailingTraceStoreIsA503ToAskAgainLater() {
        String tenant = Api.newTenant();
        Checkout checkout = checkout(tenant);

        for (int status : new int[] {500, 502, 503, 400}) {
            TraceStoreStub.answer(checkout.traceId(), status, 0, "the store is down");
            Api.trace(tenant, checkout.orderId())
                    .spec(Api.problem(503, Api.UNAVAILABLE))
                    .header("Retry-After", "1")
                    .body("detail", containsString("trace store is unavailable: it answered HTTP " + status));
        }
    }

    @Test
    void aSilentTraceStoreIsA503WithinItsTimeout() {
        String tenant = Api.newTenant();
        Checkout checkout = checkout(tenant);
        TraceStoreStub.answer(checkout.traceId(), 200, 10_000, "{\"batches\":[]}");

        long started = System.nanoTime();
        Api.trace(tenant, checkout.orderId())
                .spec(Api.problem(503, Api.UNAVAILABLE))
                .body("detail", containsString("trace store is unavailable"));
        // The 2 s timeout, not the store's 10 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        // Meanwhile the storefront answers everything else as usual.
        Api.order(tenant, checkout.orderId()).statusCode(200);
    }

    @Test
    void aHugeTraceIsCutToItsEarliestSpans() throws Exception {
        String tenant = Api.newTenant();
        Checkout checkout = checkout(tenant);
        List<Span> spans = new ArrayList<>(IntStream.range(0, 2_500)
                .mapToObj(i -> new Span("orders", "%016x".formatted(2_500 - i), null, "span " + (2_500 - i), 1, 2_500 - i, 1, false))
                .toList());
        TraceStoreStub.answer(checkout.traceId(), trace(checkout.traceId(), spans, Form.HEX_AND_NAMES));

        Api.trace(tenant, checkout.orderId())
                .statusCode(200)
                .body("spans", hasSize(2_000))
                .body("spans[0].name", equalTo("span 1"))
                .body("spans[1999].name", equalTo("span 2000"))
                .body("spans[1999].start_offset_us", equalTo(1_999));
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Api.newTenant());
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aTraceNeedsAShoppersTokenNamingItsTenant(TestTokens.Refused token) {
        token.assertRefused(token.request().get("/api/v2/orders/" + UUID.randomUUID() + "/trace").then());
    }

    /** An accepted checkout of the tenant, under a trace of the test's own. */
    private static Checkout checkout(String tenant) {
        String traceparent = Api.newTraceparent();
        String orderId = Api.acceptedOrderId(Api.checkout(Api.as(tenant).header("traceparent", traceparent),
                Api.basket(Databases.newBook(5))));
        return new Checkout(orderId, Api.traceId(traceparent));
    }

    /** The trace as Tempo answers it in the given form: one resource (batch) per service. */
    private static String trace(String traceId, List<Span> spans, Form form) throws Exception {
        boolean hex = form == Form.HEX_AND_NAMES;
        Function<String, Object> id = value -> hex ? value : Base64.getEncoder().encodeToString(HexFormat.of().parseHex(value));
        Map<String, List<Map<String, Object>>> byService = new LinkedHashMap<>();
        for (Span span : spans) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("traceId", id.apply(traceId));
            json.put("spanId", id.apply(span.spanId()));
            if (span.parentSpanId() != null) {
                json.put("parentSpanId", id.apply(span.parentSpanId()));
            } else if (hex) {
                json.put("parentSpanId", "");
            }
            json.put("name", span.name());
            json.put("kind", hex ? List.of("SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
                    "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER").get(span.kind()) : span.kind());
            long start = T0 + span.startMicros() * 1_000;
            long end = start + span.durationMicros() * 1_000;
            json.put("startTimeUnixNano", hex ? Long.toString(start) : start);
            json.put("endTimeUnixNano", hex ? Long.toString(end) : end);
            json.put("status", span.error() ? Map.of("code", hex ? "STATUS_CODE_ERROR" : 2) : Map.of());
            byService.computeIfAbsent(span.service(), service -> new ArrayList<>()).add(json);
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        byService.forEach((service, serviceSpans) -> resources.add(Map.of(
                "resource", Map.of("attributes", List.of(Map.of("key", "service.name", "value", Map.of("stringValue", service)))),
                hex ? "scopeSpans" : "instrumentationLibrarySpans", List.of(Map.of("spans", serviceSpans)))));
        return JSON.writeValueAsString(Map.of(hex ? "batches" : "resourceSpans", resources));
    }
}
