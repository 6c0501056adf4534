package io.bookstore.storefront;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Tempo's query API ({@code GET /api/traces/{trace_id}}), which the storefront reads
 * an order's trace from: Tempo is no part of the platform (the devstack serves the same API from
 * its spans, Kubernetes runs Tempo itself), so a stub, told by each test what to answer for its
 * trace id, shows how the storefront reads every form Tempo's versions answer and how it copes
 * with a trace not there yet, a failing store and a silent one. Unknown traces are a 404, as in Tempo.
 *
 * <p>Quarkus may load this class in another class loader than the tests: the static methods the
 * tests call reach the running stub through JDK types in the system properties, as {@link Downstream} does.
 */
public class TraceStoreStub implements QuarkusTestResourceLifecycleManager {

    static final String LINK = "https://grafana.example/explore?trace={trace_id}";
    private static final String CONTROLS = "bookstore.storefront.test.trace-store";
    private static final String PATH = "/api/traces/";

    /** Per trace id: status, delay in milliseconds, body. */
    private final Map<String, List<Object>> answers = new ConcurrentHashMap<>();
    /** Per trace id: the Accept header of each request for it, in order. */
    private final Map<String, List<String>> requests = new ConcurrentHashMap<>();
    private HttpServer server;
    private ExecutorService workers;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the trace store stub", e);
        }
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "trace-store-stub");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext(PATH, this::handle);
        server.start();
        System.getProperties().put(CONTROLS, Map.of("answers", answers, "requests", requests));
        return Map.of(
                "bookstore.storefront.traces.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "bookstore.storefront.traces.link", LINK);
    }

    @Override
    public void stop() {
        System.getProperties().remove(CONTROLS);
        if (server != null) {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    /** From now on the stub answers the trace with {@code status} and {@code body} (JSON) after {@code delayMillis}. */
    static void answer(String traceId, int status, long delayMillis, String body) {
        controls("answers").put(traceId, List.of(status, delayMillis, body));
    }

    static void answer(String traceId, String body) {
        answer(traceId, 200, 0, body);
    }

    /** The Accept header of every request the storefront made for the trace, in order. */
    @SuppressWarnings("unchecked")
    static List<String> requests(String traceId) {
        return List.copyOf(((Map<String, List<String>>) (Map<?, ?>) controls("requests")).getOrDefault(traceId, List.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> controls(String name) {
        Object controls = System.getProperties().get(CONTROLS);
        if (controls == null) {
            throw new IllegalStateException("the trace store stub is not started");
        }
        return (Map<String, Object>) ((Map<?, ?>) controls).get(name);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String traceId = exchange.getRequestURI().getPath().substring(PATH.length());
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            requests.computeIfAbsent(traceId, id -> new CopyOnWriteArrayList<>()).add(accept == null ? "" : accept);
            List<Object> answer = answers.getOrDefault(traceId, List.of(404, 0L, "trace not found"));
            Thread.sleep((Long) answer.get(1));
            byte[] body = ((String) answer.get(2)).getBytes(StandardCharsets.UTF_8);
            int status = (Integer) answer.get(0);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // The storefront gave up waiting (a silent store) and closed the connection.
        }
    }
}
