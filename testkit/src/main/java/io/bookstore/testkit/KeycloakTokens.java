package io.bookstore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Access tokens of the {@code bookstore} realm from its token endpoint: a demo user's (password
 * grant through the scripts' public client) or a confidential client's own (client
 * credentials). For tests, the devstack's {@code ./bookstore token} and the load generator.
 */
public final class KeycloakTokens {

    /** The demo users' password (the realm's users exist for dev, tests and kind only). */
    public static final String DEMO_PASSWORD = "bookstore";
    /** The default of the realm file's {@code PAYMENTS_GATEWAY_CLIENT_SECRET}: dev and tests only. */
    public static final String DEV_PAYMENTS_GATEWAY_SECRET = "dev-only-payments-gateway-secret";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param issuer the realm's URL, {@code http://host:port/realms/bookstore} */
    public KeycloakTokens(String issuer) {
        this.issuer = issuer;
    }

    public String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    /** An access token of a realm user (password grant through the scripts' public client). */
    public String accessToken(String username) {
        return request(Map.of(
                "grant_type", "password",
                "client_id", KeycloakRealm.CLI_CLIENT,
                "username", username,
                "password", DEMO_PASSWORD)).get("access_token").asText();
    }

    /** An access token of a user of {@code tenant}: the realm's first such user. */
    public String accessTokenOfTenant(String tenant) {
        return accessToken(KeycloakRealm.load().userOf(tenant));
    }

    /** A client-credentials token of a confidential client (a service's own identity). */
    public String clientToken(String clientId, String secret) {
        return request(Map.of(
                "grant_type", "client_credentials",
                "client_id", clientId,
                "client_secret", secret)).get("access_token").asText();
    }

    private JsonNode request(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + form.get("grant_type") + "): "
                        + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Keycloak at " + tokenEndpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
