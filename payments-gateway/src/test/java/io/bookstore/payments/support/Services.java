package io.bookstore.payments.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testkit.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** The real orders service and psp-simulator the tests run against, and the proxies in front of them. */
public final class Services {

    public static final String PSP_SECRET_KEY = "sk_test_bookstore";
    public static final String ISBN = "978-0-13-468599-1";
    public static final long UNIT_PRICE_CENTS = 4999;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Services() {
    }

    /** A tenant of its own for each test, so that per-tenant metrics and rows are the test's alone. */
    public static String newTenant() {
        return "t-" + HexFormat.of().formatHex(randomBytes(6));
    }

    /** An order as orders created it: pending payment. */
    public record Order(UUID id, String tenant, long totalCents, String currency, String paymentMethod) {
    }

    /** Creates a real order at orders: one line of {@link #ISBN} at {@link #UNIT_PRICE_CENTS}. */
    public static Order createOrder(String tenant, String paymentMethod) {
        JsonNode created = send(request(config(PaymentsTestResources.ORDERS_URL) + "/orders")
                .header("Authorization", TestTokens.shared().bearerOf(tenant))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"currency":"USD","payment_method":"%s",
                         "lines":[{"isbn":"%s","qty":1,"unit_price_cents":%d}]}""".formatted(paymentMethod, ISBN, UNIT_PRICE_CENTS))), 201);
        return new Order(UUID.fromString(created.path("order_id").asText()), tenant, created.path("total_cents").asLong(),
                created.path("currency").asText(), paymentMethod);
    }

    /** The order as orders holds it now. */
    public static JsonNode order(Order order) {
        return send(request(config(PaymentsTestResources.ORDERS_URL) + "/orders/" + order.id())
                .header("Authorization", TestTokens.shared().bearerOf(order.tenant())).GET(), 200);
    }

    /** The intent as the simulator holds it now. */
    public static JsonNode intent(String intentId) {
        return send(request(config(PaymentsTestResources.PSP_URL) + "/v1/payment_intents/" + intentId)
                .header("Authorization", "Bearer " + PSP_SECRET_KEY).GET(), 200);
    }

    /** An intent of the order made at the simulator directly, not confirmed: it charges nothing until someone confirms it. */
    public static String createUnconfirmedIntent(Order order) {
        String form = "amount=" + order.totalCents() + "&currency=usd&payment_method=" + order.paymentMethod() + "&confirm=false"
                + "&" + URLEncoder.encode("metadata[order_id]", StandardCharsets.UTF_8) + "=" + order.id()
                + "&" + URLEncoder.encode("metadata[tenant]", StandardCharsets.UTF_8) + "=" + order.tenant();
        return send(request(config(PaymentsTestResources.PSP_URL) + "/v1/payment_intents")
                .header("Authorization", "Bearer " + PSP_SECRET_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200).path("id").asText();
    }

    /** Adds the simulator's per-intent fault knobs ({@code psp_webhook_duplicates} → 2, …) to the order's creations. */
    public static void pspKnobs(Order order, Map<String, String> knobs) {
        String form = knobs.entrySet().stream()
                .map(knob -> URLEncoder.encode("metadata[" + knob.getKey() + "]", StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(knob.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        control(PaymentsTestResources.PSP_PROXY_URL, "knobs/" + order.id(), "PUT", form);
    }

    /** The PSP will create the order's intent, but the gateway will not hear the next {@code count} answers. */
    public static void loseCreationAnswers(Order order, int count) {
        control(PaymentsTestResources.PSP_PROXY_URL, "lose/" + order.id(), "PUT", Integer.toString(count));
    }

    /** One creation request of the order as the PSP answered it. */
    public record Creation(int status, String intentId, boolean replayed) {
    }

    /** Every creation request the gateway sent for the order, in order. */
    public static List<Creation> creations(Order order) {
        String lines = control(PaymentsTestResources.PSP_PROXY_URL, "creations/" + order.id(), "GET", "");
        return lines.isBlank() ? List.of() : Arrays.stream(lines.split("\n"))
                .map(line -> line.split(" "))
                .map(parts -> new Creation(Integer.parseInt(parts[0]), parts[1], Boolean.parseBoolean(parts[2])))
                .toList();
    }

    /** Makes orders unreachable for the gateway (503 to everything), or reachable again. */
    public static void ordersDown(boolean down) {
        control(PaymentsTestResources.ORDERS_PROXY_URL, "down", down ? "PUT" : "DELETE", "");
    }

    /** Makes orders answer the gateway only after {@code delay} (zero: at once again). */
    public static void ordersSlow(Duration delay) {
        control(PaymentsTestResources.ORDERS_PROXY_URL, "delay", "PUT", Long.toString(delay.toMillis()));
    }

    /** How many requests the gateway sent to orders for this path ({@code PATCH /orders/<id>}). */
    public static long ordersRequests(String methodAndPath) {
        return Arrays.stream(control(PaymentsTestResources.ORDERS_PROXY_URL, "requests", "GET", "").split("\n"))
                .filter(methodAndPath::equals)
                .count();
    }

    public static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    private static String control(String proxy, String command, String method, String body) {
        HttpRequest.Builder request = request(config(proxy) + ForwardingProxy.CONTROL + "/" + command)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 300) {
            throw new AssertionError("proxy command " + command + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
    }

    private static JsonNode send(HttpRequest.Builder request, int expectedStatus) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("expected HTTP " + expectedStatus + ", got " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
