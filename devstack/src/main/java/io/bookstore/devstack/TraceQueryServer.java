package io.bookstore.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bookstore.testkit.ReceivedSpan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tempo's trace query API on a loopback port, answered from the spans the stack received:
 * {@code GET /api/traces/{trace id}} ({@link TempoTrace}'s JSON, or 404 when no span of the trace
 * arrived) and {@code GET /ready}. The storefront's shopper page asks it for an order's trace as
 * it asks Tempo on kind.
 */
final class TraceQueryServer implements AutoCloseable {

    private static final Pattern TRACE = Pattern.compile("/api/traces/([0-9a-fA-F]{32})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<String, List<ReceivedSpan>> traces;

    private TraceQueryServer(HttpServer server, ExecutorService executor, Function<String, List<ReceivedSpan>> traces) {
        this.server = server;
        this.executor = executor;
        this.traces = traces;
    }

    /** On {@code port} (0: a free one); {@code traces} gives a trace's spans by its lower-case id. */
    static TraceQueryServer start(int port, Function<String, List<ReceivedSpan>> traces) {
        ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "trace-query-server");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            TraceQueryServer api = new TraceQueryServer(server, executor, traces);
            server.createContext("/", api::handle);
            server.setExecutor(executor);
            server.start();
            return api;
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException("cannot open the trace query API on port " + port, e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher trace = TRACE.matcher(path);
            if (!path.equals("/ready") && !trace.matches()) {
                send(exchange, 404, "text/plain", "404 page not found\n");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain", "method not allowed\n");
            } else if (path.equals("/ready")) {
                send(exchange, 200, "text/plain", "ready\n");
            } else {
                sendTrace(exchange, trace.group(1).toLowerCase(Locale.ROOT));
            }
        }
    }

    private void sendTrace(HttpExchange exchange, String traceId) throws IOException {
        List<ReceivedSpan> spans;
        try {
            spans = traces.apply(traceId);
        } catch (UncheckedIOException unreadable) {
            send(exchange, 500, "text/plain", unreadable.getMessage() + "\n");
            return;
        }
        if (spans.isEmpty()) {
            send(exchange, 404, "text/plain", "trace not found\n");
        } else {
            send(exchange, 200, "application/json", JSON.writeValueAsString(TempoTrace.json(spans)));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
