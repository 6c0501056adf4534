package io.bookstore.psp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real webhook endpoint for the simulator to call: an HTTP server on a free port that
 * records every delivery (arrival time, headers, raw body, the status it answered) and lists
 * them at {@code GET /received}. Tests read that list over HTTP, which works whichever class
 * loader Quarkus started this resource in.
 *
 * <p>It answers 200, except to an event whose intent carries the metadata key
 * {@value #FAIL_FIRST}: the first N attempts of that event id get a 500.
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    /** Metadata key: how many attempts of each event the receiver refuses with a 500. */
    public static final String FAIL_FIRST = "test_receiver_fail_first";
    public static final String PATH = "/webhooks/psp";

    private final ObjectMapper json = new ObjectMapper();
    private final List<Map<String, Object>> deliveries = new ArrayList<>();
    private final Map<String, Integer> attemptsByEvent = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the webhook receiver", e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext(PATH, this::receive);
        server.createContext("/received", this::list);
        server.start();
        return Map.of("bookstore.psp.webhook.url", "http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void receive(HttpExchange exchange) throws IOException {
        long receivedAt = System.currentTimeMillis();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        int status;
        synchronized (this) {
            status = answer(body);
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("received_at_millis", receivedAt);
            delivery.put("method", exchange.getRequestMethod());
            delivery.put("status", status);
            delivery.put("headers", headers);
            delivery.put("body", body);
            deliveries.add(delivery);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** 500 for the first N attempts of an event whose intent asks for it, else 200. */
    private int answer(String body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (IOException e) {
            return 400;
        }
        int attempt = attemptsByEvent.merge(event.path("id").asText(), 1, Integer::sum);
        int failFirst = event.path("data").path("object").path("metadata").path(FAIL_FIRST).asInt(0);
        return attempt <= failFirst ? 500 : 200;
    }

    private void list(HttpExchange exchange) throws IOException {
        byte[] body;
        synchronized (this) {
            body = json.writeValueAsBytes(deliveries);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
