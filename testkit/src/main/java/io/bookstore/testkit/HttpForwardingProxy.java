package io.bookstore.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP proxy on a free loopback port between two services, for tests that change or
 * watch what goes between them: a {@link Handler} sees each request and forwards it
 * ({@link #send}, {@link #relay}), changed or not, or answers it itself ({@link #respond}).
 */
public final class HttpForwardingProxy implements AutoCloseable {

    /** What the proxy does with one request; {@code body} is the request body, already read. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpForwardingProxy proxy, HttpExchange exchange, byte[] body) throws IOException, InterruptedException;
    }

    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Handler handler;
    private final Function<String, String> failureBody;
    private volatile URI target;

    private HttpForwardingProxy(Handler handler, Function<String, String> failureBody) throws IOException {
        this.handler = handler;
        this.failureBody = failureBody;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.next()), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts the proxy. When the handler throws, the caller gets a 502 whose JSON body is
     * {@code failureBody} of the exception's simple class name.
     */
    public static HttpForwardingProxy start(Handler handler, Function<String, String> failureBody) {
        try {
            return new HttpForwardingProxy(handler, failureBody);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an HTTP proxy", e);
        }
    }

    /** Where {@link #send} forwards to; may be set after start-up, when the target's port is known only then. */
    public HttpForwardingProxy forwardTo(String targetBaseUrl) {
        this.target = URI.create(targetBaseUrl);
        return this;
    }

    public boolean hasTarget() {
        return target != null;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Sends the request to the target, same method, path, query and end-to-end headers, with {@code body}. */
    public HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
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
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Gives the target's answer back to the caller unchanged, but for the hop-by-hop headers. */
    public static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        write(exchange, response.statusCode(), response.body());
    }

    /** Answers the caller from the proxy itself, with a JSON body (none when empty). */
    public static void respond(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        write(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded value of {@code name} in a form-encoded body, or null when it is not there. */
    public static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            handler.handle(this, exchange, exchange.getRequestBody().readAllBytes());
        } catch (Exception e) {
            respond(exchange, 502, failureBody.apply(e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
