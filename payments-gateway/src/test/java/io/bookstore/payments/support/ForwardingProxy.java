package io.bookstore.payments.support;

import com.sun.net.httpserver.HttpExchange;
import io.bookstore.testkit.HttpForwardingProxy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of a real service (the psp-simulator, orders) that a test can steer
 * over HTTP under {@code /__proxy/} (the test and this proxy may live in different class
 * loaders): take the target down (503 to everything), slow every request down, lose the answers of the next creations
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
    private static final Pattern INTENT_ID = Pattern.compile("\"id\"\\s*:\\s*\"(pi_[A-Za-z0-9]+)\"");

    private final HttpForwardingProxy proxy;
    private final Map<String, String> knobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();
    private final Map<String, List<String>> creations = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile long delayMillis;

    private ForwardingProxy(String targetBaseUrl) {
        this.proxy = HttpForwardingProxy.start(this::handle, error -> "{\"error\":\"" + error + "\"}")
                .forwardTo(targetBaseUrl);
    }

    public static ForwardingProxy to(String targetBaseUrl) {
        return new ForwardingProxy(targetBaseUrl);
    }

    public String baseUrl() {
        return proxy.baseUrl();
    }

    @Override
    public void close() {
        proxy.close();
    }

    private void handle(HttpForwardingProxy proxy, HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith(CONTROL + "/")) {
            control(exchange, path.substring(CONTROL.length() + 1), new String(body, StandardCharsets.UTF_8));
            return;
        }
        requests.add(exchange.getRequestMethod() + " " + path);
        if (down) {
            HttpForwardingProxy.respond(exchange, 503, "{\"error\":\"taken down by the test\"}");
            return;
        }
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        boolean creation = exchange.getRequestMethod().equals("POST") && path.equals(CREATE_INTENT);
        String orderId = creation ? HttpForwardingProxy.formValue(new String(body, StandardCharsets.UTF_8), ORDER_ID_PARAM) : null;
        if (orderId != null && knobs.containsKey(orderId)) {
            body = (new String(body, StandardCharsets.UTF_8) + "&" + knobs.get(orderId)).getBytes(StandardCharsets.UTF_8);
        }
        HttpResponse<byte[]> response = proxy.send(exchange, body);
        if (orderId != null && creationAnswerLost(orderId, response)) {
            // The PSP did the work; its answer is lost on the way back, as on a dropped connection.
            HttpForwardingProxy.respond(exchange, 502, "{\"error\":\"answer lost by the test\"}");
            return;
        }
        HttpForwardingProxy.relay(exchange, response);
    }

    /** Records the creation's answer; true when the test asked for it to be lost. */
    private boolean creationAnswerLost(String orderId, HttpResponse<byte[]> response) {
        Matcher intent = INTENT_ID.matcher(new String(response.body(), StandardCharsets.UTF_8));
        boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equals).orElse(false);
        creations.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>())
                .add(response.statusCode() + " " + (intent.find() ? intent.group(1) : "-") + " " + replayed);
        AtomicInteger toLose = answersToLose.get(orderId);
        return toLose != null && toLose.getAndDecrement() > 0;
    }

    /**
     * {@code PUT knobs/{order_id}} (form fragment to append), {@code PUT lose/{order_id}} (count),
     * {@code PUT down} / {@code DELETE down}, {@code PUT delay} (milliseconds before each request goes on), {@code GET creations/{order_id}} (one line per
     * creation: status, intent id, replayed), {@code GET requests} (one line per forwarded request).
     */
    private void control(HttpExchange exchange, String command, String body) throws IOException {
        String method = exchange.getRequestMethod();
        if (command.startsWith("knobs/") && method.equals("PUT")) {
            knobs.put(command.substring("knobs/".length()), body);
        } else if (command.startsWith("lose/") && method.equals("PUT")) {
            answersToLose.put(command.substring("lose/".length()), new AtomicInteger(Integer.parseInt(body.trim())));
        } else if (command.equals("delay") && method.equals("PUT")) {
            delayMillis = Long.parseLong(body.trim());
        } else if (command.equals("down")) {
            down = method.equals("PUT");
        } else if (command.startsWith("creations/") && method.equals("GET")) {
            HttpForwardingProxy.respond(exchange, 200,
                    String.join("\n", creations.getOrDefault(command.substring("creations/".length()), List.of())));
            return;
        } else if (command.equals("requests") && method.equals("GET")) {
            HttpForwardingProxy.respond(exchange, 200, String.join("\n", new ArrayList<>(requests)));
            return;
        } else {
            HttpForwardingProxy.respond(exchange, 404, "unknown proxy command " + method + " " + command);
            return;
        }
        HttpForwardingProxy.respond(exchange, 204, "");
    }
}
