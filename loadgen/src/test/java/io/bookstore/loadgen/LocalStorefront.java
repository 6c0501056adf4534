package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The storefront's two endpoints the checkout scenario calls, on a real local HTTP server
 * (com.sun.net.httpserver). Each checkout's answer comes from {@code behaviour} by request
 * number; {@code workers} threads serve, so one worker and a slow answer make a target
 * that queues.
 */
final class LocalStorefront implements AutoCloseable {

    /** How to answer one checkout: after {@code delayMillis}, with this status, content type and body. */
    record Answer(long delayMillis, int status, String contentType, String body) {

        static Answer accepted(long delayMillis) {
            return new Answer(delayMillis, 202, "application/json", null);
        }

        static Answer problem(int status, String type) {
            return new Answer(0, status, "application/problem+json",
                    "{\"type\":\"" + type + "\",\"title\":\"t\",\"status\":" + status + "}");
        }
    }

    /** A checkout as it arrived; {@code tenant} is the claim of its bearer token (which the services verify, not this). */
    record Received(String tenant, String idempotencyKey, String body, String orderId) {
    }

    static final String BOOKS = """
            [{"isbn":"978-0-13-468599-1","title":"A","author":"a","price_cents":4999,"currency":"USD","stock":25},
             {"isbn":"978-0-262-51087-5","title":"B","author":"b","price_cents":5999,"currency":"USD","stock":40},
             {"isbn":"978-1-4919-5035-7","title":"C","author":"c","price_cents":3999,"currency":"USD","stock":30},
             {"isbn":"978-3-16-148410-0","title":"D","author":"d","price_cents":2999,"currency":"EUR","stock":30}]""";

    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicInteger checkouts = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    LocalStorefront(int workerThreads, IntFunction<Answer> behaviour) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        workers = Executors.newFixedThreadPool(workerThreads);
        server.setExecutor(workers);
        server.createContext("/api/v2/books", exchange -> respond(exchange, 200, "application/json", BOOKS));
        server.createContext("/api/v2/checkout", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer = behaviour.apply(checkouts.getAndIncrement());
            sleep(answer.delayMillis());
            String orderId = UUID.randomUUID().toString();
            received.add(new Received(tenantOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body, answer.status() == 202 ? orderId : null));
            String responseBody = answer.body() != null ? answer.body()
                    : "{\"order_id\":\"" + orderId + "\",\"status\":\"pending_payment\",\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\"}";
            respond(exchange, answer.status(), answer.contentType(), responseBody);
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    private static String tenantOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        try {
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(payload)).path("tenant").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
