package io.bookstore.payments.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bookstore.testkit.FreePorts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of a real service (the psp-simulator, orders) that a test can steer
 * over HTTP under {@code /__proxy/} (the test and this proxy may live in different class
 * loaders): take the target down (503 to everything), lose the answers of the next creations
 * of an order (the request reaches the PSP, the answer never comes back), add the
 * simulator's fault knobs to the creations of an order, and tell what went through.
 *
 * <p>It exists because the gateway sends the PSP only what an order says, so the simulator's
 * per-intent knobs ({@code metadata[psp_*]}) have to be added on the way.
 */
public final class ForwardingProxy implements AutoCloseable {

    static final String CONTROL = "/__proxy";
    private static final String CREATE_INTENT = "/v1/payment_intents";
    private static final String ORDER_ID_PARAM = "metadata[order_id]";
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Pattern INTENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"(pi_[A-Za-z0-9]+)\"");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> knobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();
    private final Map<String, List<String>> creations = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private ForwardingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ForwardingProxy to(String targetBaseUrl) {
        try {
            return new ForwardingProxy(URI.create(targetBaseUrl));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a proxy to " + targetBaseUrl, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith(CONTROL + "/")) {
                control(exchange, path.substring(CONTROL.length() + 1), new String(body, StandardCharsets.UTF_8));
                return;
            }
            requests.add(exchange.getRequestMethod() + " " + path);
            if (down) {
                respond(exchange, 503, "{\"error\":\"taken down by the test\"}");
                return;
            }
            forward(exchange, path, body);
        } catch (Exception e) {
            respond(exchange, 502, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
        } finally {
            exchange.close();
        }
    }

    private void forward(HttpExchange exchange, String path, byte[] body) throws IOException, InterruptedException {
        boolean creation = exchange.getRequestMethod().equals("POST") && path.equals(CREATE_INTENT);
        String orderId = creation ? formValue(new String(body, StandardCharsets.UTF_8), ORDER_ID_PARAM) : null;
        if (orderId != null && knobs.containsKey(orderId)) {
            body = (new String(body, StandardCharsets.UTF_8) + "&" + knobs.get(orderId)).getBytes(StandardCharsets.UTF_8);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (orderId != null) {
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            Matcher intent = INTENT_ID.matcher(answer);
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
            creations.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>())
                    .add(response.statusCode() + " " + (intent.find() ? intent.group(1) : "-") + " " + replayed);
            AtomicInteger toLose = answersToLose.get(orderId);
            if (toLose != null && toLose.getAndDecrement() > 0) {
                // The PSP did the work; its answer is lost on the way back, as on a dropped connection.
                respond(exchange, 502, "{\"error\":\"answer lost by the test\"}");
                return;
            }
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /**
     * {@code PUT knobs/{order_id}} (form fragment to append), {@code PUT lose/{order_id}} (count),
     * {@code PUT down} / {@code DELETE down}, {@code GET creations/{order_id}} (one line per
     * creation: status, intent id, replayed), {@code GET requests} (one line per forwarded request).
     */
    private void control(HttpExchange exchange, String command, String body) throws IOException {
        String method = exchange.getRequestMethod();
        if (command.startsWith("knobs/") && method.equals("PUT")) {
            knobs.put(command.substring("knobs/".length()), body);
        } else if (command.startsWith("lose/") && method.equals("PUT")) {
            answersToLose.put(command.substring("lose/".length()), new AtomicInteger(Integer.parseInt(body.trim())));
        } else if (command.equals("down")) {
            down = method.equals("PUT");
        } else if (command.startsWith("creations/") && method.equals("GET")) {
            respond(exchange, 200, String.join("\n", creations.getOrDefault(command.substring("creations/".length()), List.of())));
            return;
        } else if (command.equals("requests") && method.equals("GET")) {
            respond(exchange, 200, String.join("\n", new ArrayList<>(requests)));
            return;
        } else {
            respond(exchange, 404, "unknown proxy command " + method + " " + command);
            return;
        }
        respond(exchange, 204, "");
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
