package io.bookstore.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver (protobuf, {@code POST /v1/traces}) on a loopback port:
 * what a collector is to the services. A test's sink keeps every span it is sent, to
 * check a trace across processes; the devstack's hands them on to be written down.
 * Point a service at it with {@link #serviceEnvironment()}.
 */
public final class OtlpTraceSink implements AutoCloseable {

    private final HttpServer server;
    private final Consumer<List<ReceivedSpan>> listener;
    /** What {@link #spans()} and {@link #trace(String)} answer from: empty for a listening sink. */
    private final List<ReceivedSpan> spans;

    private OtlpTraceSink(HttpServer server, Consumer<List<ReceivedSpan>> listener, List<ReceivedSpan> spans) {
        this.server = server;
        this.listener = listener;
        this.spans = spans;
    }

    /** A sink on a free port that keeps every span it receives, for a test to look at. */
    public static OtlpTraceSink start() {
        List<ReceivedSpan> kept = new CopyOnWriteArrayList<>();
        return start(0, kept::addAll, kept);
    }

    /**
     * A sink on {@code port} (0: a free one) that keeps nothing: it hands every batch it
     * receives to {@code listener}, on the sink's own thread, before it answers the exporter.
     */
    public static OtlpTraceSink start(int port, Consumer<List<ReceivedSpan>> listener) {
        return start(port, listener, List.of());
    }

    private static OtlpTraceSink start(int port, Consumer<List<ReceivedSpan>> listener, List<ReceivedSpan> kept) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            OtlpTraceSink sink = new OtlpTraceSink(server, listener, kept);
            server.createContext("/", sink::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "otlp-trace-sink");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the OTLP trace sink on port " + port, e);
        }
    }

    /** The base URL; spans go to {@code <endpoint>/v1/traces}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The environment that makes a Quarkus service export its spans here, promptly. */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint(),
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans of {@code traceId} satisfy {@code complete}; returns them. */
    public List<ReceivedSpan> awaitTrace(String traceId, Predicate<List<ReceivedSpan>> complete, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ReceivedSpan> trace = trace(traceId);
            if (complete.test(trace)) {
                return trace;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("trace " + traceId + " not complete within " + timeout + "; received:\n"
                        + TraceTree.of(trace).render());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody())
                    : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            try {
                listener.accept(OtlpTraceDecoder.decode(body));
            } catch (IOException malformed) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            // An empty ExportTraceServiceResponse: everything was accepted.
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }
}
