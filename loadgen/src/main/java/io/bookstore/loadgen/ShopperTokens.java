package io.bookstore.loadgen;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shoppers' access tokens, one per load tenant: the realm's user {@code load-N} is the
 * only user of tenant {@code load-N}. Each is fetched from Keycloak's token endpoint (password
 * grant through the scripts' public client) before the load starts, and fetched again in the
 * background once two thirds of its life are gone, so that no checkout waits for Keycloak and
 * none carries an expired token.
 */
final class ShopperTokens {

    /** The realm's load users' password: they exist for dev, tests and kind only. */
    static final String PASSWORD = "bookstore";
    static final String CLIENT_ID = "bookstore-cli";

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, long refreshAtNanos, long expiresAtNanos) {
    }

    private final HttpClient client;
    private final URI tokenEndpoint;
    private final Duration timeout;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Token>> fetching = new ConcurrentHashMap<>();

    /** @param realmUrl the realm's URL, {@code http://127.0.0.1:8180/realms/bookstore} */
    ShopperTokens(HttpClient client, String realmUrl, Duration timeout) {
        this.client = client;
        this.tokenEndpoint = URI.create(realmUrl + "/protocol/openid-connect/token");
        this.timeout = timeout;
    }

    /** Fetches a token for each tenant, so that the load starts with them all. */
    void prefetch(Iterable<String> tenants) {
        for (String tenant : tenants) {
            try {
                tokens.put(tenant, fetch(tenant).join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof IllegalStateException refused) {
                    throw refused;
                }
                throw new TargetUnreachableException("Keycloak's token endpoint", tokenEndpoint.toString(), e.getCause());
            }
        }
    }

    /** The {@code Authorization} header value of a shopper of {@code tenant}. */
    String authorization(String tenant) {
        long now = System.nanoTime();
        Token token = tokens.get(tenant);
        if (token == null || now - token.expiresAtNanos() >= 0) {
            token = refresh(tenant).join();
        } else if (now - token.refreshAtNanos() >= 0) {
            refresh(tenant);
        }
        return "Bearer " + token.value();
    }

    /** One fetch per tenant at a time; the token in use stays until the new one arrives. */
    private CompletableFuture<Token> refresh(String tenant) {
        CompletableFuture<Token> started = new CompletableFuture<>();
        CompletableFuture<Token> running = fetching.putIfAbsent(tenant, started);
        if (running != null) {
            return running;
        }
        // Completed outside the map's own locking: a fetch that is already done runs this at once.
        fetch(tenant).whenComplete((token, failure) -> {
            if (token != null) {
                tokens.put(tenant, token);
            }
            fetching.remove(tenant, started);
            if (failure != null) {
                started.completeExceptionally(failure);
            } else {
                started.complete(token);
            }
        });
        return started;
    }

    private CompletableFuture<Token> fetch(String tenant) {
        String form = "grant_type=password&client_id=" + CLIENT_ID
                + "&username=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                + "&password=" + PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        long sentAt = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak at " + tokenEndpoint + " refused a token for " + tenant + " (HTTP "
                        + response.statusCode() + "): " + response.body() + "; the realm has users load-1..load-10 for the load generator");
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                long lifeNanos = Duration.ofSeconds(body.path("expires_in").asLong()).toNanos();
                return new Token(body.path("access_token").asText(), sentAt + lifeNanos * 2 / 3, sentAt + lifeNanos);
            } catch (IOException e) {
                throw new IllegalStateException("Keycloak's token response is not JSON", e);
            }
        });
    }
}
