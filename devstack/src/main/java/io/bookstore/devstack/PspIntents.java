package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The PSP's own record of the charges: Stripe's list endpoint, {@code GET /v1/payment_intents},
 * as Stripe documents it ({@code {"object":"list","data":[…],"has_more":…}}, the next page
 * after the last id with {@code starting_after}), so the checker reads the provider's side and
 * not only the gateway's. Empty when the simulator has no such endpoint (404).
 */
final class PspIntents {

    /** The repository's development key, which the devstack's simulator and gateway share. */
    static final String SECRET_KEY = "sk_test_bookstore";

    /** One intent: its id, status, and the order it was made for (the gateway's {@code metadata[order_id]}). */
    record Intent(String id, String status, String orderId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    PspIntents(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Optional<List<Intent>> all() throws IOException, InterruptedException {
        List<Intent> intents = new ArrayList<>();
        String after = null;
        while (true) {
            String query = "?limit=" + PAGE + (after == null ? "" : "&starting_after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/payment_intents" + query))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + SECRET_KEY).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET /v1/payment_intents answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = JSON.readTree(response.body());
            if (!"list".equals(page.path("object").asText())) {
                return Optional.empty();
            }
            for (JsonNode intent : page.path("data")) {
                intents.add(new Intent(intent.path("id").asText(), intent.path("status").asText(),
                        intent.path("metadata").path("order_id").asText("")));
            }
            if (!page.path("has_more").asBoolean(false) || page.path("data").isEmpty()) {
                return Optional.of(intents);
            }
            after = intents.get(intents.size() - 1).id();
        }
    }
}
