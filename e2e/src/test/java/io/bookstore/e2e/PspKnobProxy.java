package io.bookstore.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bookstore.testkit.FreePorts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A forwarding proxy between payments-gateway and the psp-simulator that appends the
 * simulator's per-intent fault knobs ({@code metadata[psp_*]}) to the intent creations of
 * chosen tenants. It exists because the gateway sends the PSP only what an order says (as it
 * must with real Stripe), so a checkout cannot ask for dropped or duplicated webhooks itself.
 * Everything else, and every answer, passes unchanged; webhooks go from the simulator to the
 * gateway directly.
 */
final class PspKnobProxy implements AutoCloseable {

    private static final String CREATE_INTENT = "/v1/payment_intents";
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> knobsByTenant;
    private volatile URI target;

    private PspKnobProxy(Map<String, Map<String, String>> knobsByTenant) throws IOException {
        this.knobsByTenant = Map.copyOf(knobsByTenant.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, entry -> formFragment(entry.getValue()))));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code knobsByTenant}: tenant → metadata key of a simulator knob ({@code psp_…}) → value. */
    static PspKnobProxy start(Map<String, Map<String, String>> knobsByTenant) {
        try {
            return new PspKnobProxy(knobsByTenant);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the PSP proxy", e);
        }
    }

    /**
     * Where to forward. Set after start-up: the simulator must know the gateway's port for its
     * webhooks, and the gateway this proxy's, so the proxy comes first and the simulator last.
     */
    void forwardTo(String simulatorBaseUrl) {
        this.target = URI.create(simulatorBaseUrl);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (target == null) {
                respond(exchange, 503, "{\"error\":{\"type\":\"api_error\",\"message\":\"no simulator yet\"}}");
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && exchange.getRequestURI().getPath().equals(CREATE_INTENT)) {
                body = withKnobs(new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            forward(exchange, body);
        } catch (Exception e) {
            respond(exchange, 502, "{\"error\":{\"type\":\"api_error\",\"message\":\"" + e.getClass().getSimpleName() + "\"}}");
        } finally {
            exchange.close();
        }
    }

    private String withKnobs(String form) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals("metadata[tenant]")) {
                String knobs = knobsByTenant.get(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                return knobs == null ? form : form + "&" + knobs;
            }
        }
        return form;
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(uri.getRawPath()
                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String formFragment(Map<String, String> knobs) {
        StringBuilder form = new StringBuilder();
        knobs.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode("metadata[" + name + "]", StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return form.toString();
    }
}
