package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testkit.ReceivedSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tempo's trace query API as the storefront's shopper page calls it, on spans fed in as the OTLP sink feeds them. */
class TraceQueryServerTest {

    private static final String CHECKOUT = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private SpanFile file;
    private RecentTraces traces;
    private TraceQueryServer server;

    @BeforeEach
    void start() {
        file = new SpanFile(dir.resolve("spans.jsonl"));
        traces = new RecentTraces(file, 2, 100);
        server = TraceQueryServer.start(0, traces::trace);
        traces.append(List.of(
                span(CHECKOUT, "00f067aa0ba902b7", "", "storefront", "POST /api/v2/checkout", ReceivedSpan.KIND_SERVER, 0, 90,
                        Map.of("tenant", "acme", "http.route", "/api/v2/checkout"), 0),
                span(CHECKOUT, "53995c3f42cd8ad8", "00f067aa0ba902b7", "storefront", "POST /orders", ReceivedSpan.KIND_CLIENT, 40, 80,
                        Map.of(), 1)));
        traces.append(List.of(
                span(CHECKOUT, "b7ad6b7169203331", "53995c3f42cd8ad8", "orders", "POST /orders", ReceivedSpan.KIND_SERVER, 45, 78,
                        Map.of("http.response.status_code", "500"), ReceivedSpan.STATUS_ERROR)));
    }

    @AfterEach
    void stop() {
        server.close();
        file.close();
    }

    @Test
    void answersATraceInTempoJsonOneBatchPerService() throws Exception {
        HttpResponse<String> response = get("/api/traces/" + CHECKOUT.toUpperCase(Locale.ROOT));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode batches = JSON.readTree(response.body()).path("batches");
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).path("resource").path("attributes")).hasSize(1);
        assertThat(batches.get(0).at("/resource/attributes/0/key").asText()).isEqualTo("service.name");
        assertThat(batches.get(0).at("/resource/attributes/0/value/stringValue").asText()).isEqualTo("storefront");
        assertThat(batches.get(1).at("/resource/attributes/0/value/stringValue").asText()).isEqualTo("orders");
        assertThat(batches.get(0).at("/scopeSpans/0/scope/name").asText()).isEqualTo("bookstore-devstack");

        JsonNode checkout = batches.get(0).at("/scopeSpans/0/spans/0");
        assertThat(checkout.path("traceId").asText()).isEqualTo(CHECKOUT);
        assertThat(checkout.path("spanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(checkout.has("parentSpanId")).as("a root has no parent").isFalse();
        assertThat(checkout.path("name").asText()).isEqualTo("POST /api/v2/checkout");
        assertThat(checkout.path("kind").asText()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(checkout.path("startTimeUnixNano").isTextual()).isTrue();
        assertThat(checkout.path("startTimeUnixNano").asText()).isEqualTo("1000000000");
        assertThat(checkout.path("endTimeUnixNano").asText()).isEqualTo("1090000000");
        assertThat(checkout.path("attributes").findValuesAsText("key")).containsExactlyInAnyOrder("tenant", "http.route");
        assertThat(checkout.path("attributes").findValuesAsText("stringValue")).contains("acme");
        assertThat(checkout.path("status").isObject()).isTrue();
        assertThat(checkout.path("status").isEmpty()).as("unset status").isTrue();

        JsonNode client = batches.get(0).at("/scopeSpans/0/spans/1");
        assertThat(client.path("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(client.path("kind").asText()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(client.at("/status/code").asText()).isEqualTo("STATUS_CODE_OK");
        assertThat(client.has("attributes")).as("no attributes, left out as protobuf's JSON does").isFalse();

        JsonNode failed = batches.get(1).at("/scopeSpans/0/spans/0");
        assertThat(failed.path("parentSpanId").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(failed.at("/status/code").asText()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(failed.at("/attributes/0/value/stringValue").asText()).isEqualTo("500");
    }

    @Test
    void anUnknownTraceIsNotFoundAndOnlyTempoPathsAndGetAreServed() throws Exception {
        assertThat(get("/api/traces/0af7651916cd43dd8448eb211c80319c").statusCode()).isEqualTo(404);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        assertThat(get("/api/traces/not-a-trace-id").statusCode()).isEqualTo(404);
        assertThat(get("/api/search").statusCode()).isEqualTo(404);

        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/traces/" + CHECKOUT))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void keepsTheLatestTracesInMemoryAndFindsTheDroppedOnesInTheSpanFile() throws Exception {
        String second = "5b8aa5a2d2c872e8321cf37308d69df2";
        String third = "0af7651916cd43dd8448eb211c80319c";
        traces.append(List.of(span(second, "1111111111111111", "", "storefront", "GET /api/v2/books", ReceivedSpan.KIND_SERVER, 100, 110,
                Map.of(), 0)));
        traces.append(List.of(span(third, "2222222222222222", "", "storefront", "GET /api/v2/books", ReceivedSpan.KIND_SERVER, 120, 130,
                Map.of(), 0)));

        assertThat(traces.tracesInMemory()).isEqualTo(2);
        assertThat(traces.inMemory(CHECKOUT)).as("the oldest trace is dropped first").isEmpty();
        assertThat(traces.inMemory(third)).hasSize(1);
        HttpResponse<String> dropped = get("/api/traces/" + CHECKOUT);
        assertThat(dropped.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(dropped.body()).path("batches").findValues("spans").stream().mapToInt(JsonNode::size).sum())
                .isEqualTo(3);

        // After a restart of the stack, its traces are in the file only.
        file.close();
        SpanFile reopened = new SpanFile(dir.resolve("spans.jsonl"));
        RecentTraces restarted = new RecentTraces(reopened, 2, 100);
        assertThat(restarted.tracesInMemory()).isZero();
        assertThat(restarted.trace(second)).extracting(ReceivedSpan::spanId).containsExactly("1111111111111111");
        // A trace asked for before its first span arrived (the shopper page polls) is found once it does.
        String next = "6e0c63257de34c92bf9efcd03927272e";
        assertThat(restarted.trace(next)).isEmpty();
        restarted.append(List.of(span(next, "3333333333333333", "", "storefront", "POST /api/v2/checkout", ReceivedSpan.KIND_SERVER,
                200, 210, Map.of(), 0)));
        assertThat(restarted.trace(next)).extracting(ReceivedSpan::spanId).containsExactly("3333333333333333");
        reopened.close();
    }

    @Test
    void aTraceFarLongerThanTheSpanBoundStaysWhileOlderOnesGo() {
        SpanFile smallFile = new SpanFile(dir.resolve("small.jsonl"));
        RecentTraces small = new RecentTraces(smallFile, 10, 3);
        small.append(List.of(span(CHECKOUT, "00f067aa0ba902b7", "", "storefront", "a", ReceivedSpan.KIND_SERVER, 0, 1, Map.of(), 0)));
        String longTrace = "5b8aa5a2d2c872e8321cf37308d69df2";
        small.append(List.of(
                span(longTrace, "1111111111111111", "", "storefront", "b", ReceivedSpan.KIND_SERVER, 0, 1, Map.of(), 0),
                span(longTrace, "2222222222222222", "1111111111111111", "orders", "c", ReceivedSpan.KIND_SERVER, 0, 1, Map.of(), 0),
                span(longTrace, "3333333333333333", "1111111111111111", "orders", "d", ReceivedSpan.KIND_SERVER, 0, 1, Map.of(), 0),
                span(longTrace, "4444444444444444", "1111111111111111", "orders", "e", ReceivedSpan.KIND_SERVER, 0, 1, Map.of(), 0)));

        assertThat(small.tracesInMemory()).isEqualTo(1);
        assertThat(small.inMemory(longTrace)).hasSize(4);
        assertThat(small.inMemory(CHECKOUT)).isEmpty();
        smallFile.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ReceivedSpan span(String traceId, String spanId, String parent, String service, String name, int kind,
                                     long startMillis, long endMillis, Map<String, String> attributes, int status) {
        return new ReceivedSpan(service, traceId, spanId, parent, name, kind, 1_000_000_000L + startMillis * 1_000_000,
                1_000_000_000L + endMillis * 1_000_000, attributes, status);
    }
}
