package io.bookstore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.Identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Keycloak's admin REST API on the {@code bookstore} realm, as the master realm's admin. */
final class KeycloakAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String accessToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KeycloakAdmin(String url, String accessToken) {
        this.url = url;
        this.accessToken = accessToken;
    }

    /** Signs in as the admin of the server at {@code url} (password grant through {@code admin-cli}). */
    static KeycloakAdmin signIn(String url, String adminPassword) {
        KeycloakAdmin anonymous = new KeycloakAdmin(url, null);
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        JsonNode token = anonymous.send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), 200).body();
        return new KeycloakAdmin(url, token.get("access_token").asText());
    }

    JsonNode get(String path) {
        return send(realmRequest(path).GET(), 200).body();
    }

    /** POSTs {@code body} and returns the {@code Location} of what it created. */
    String create(String path, Object body) {
        try {
            return send(realmRequest(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 201)
                    .location();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder realmRequest(String path) {
        return HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + Identity.REALM + path))
                .header("Authorization", "Bearer " + accessToken);
    }

    private record Answer(JsonNode body, String location) {
    }

    private Answer send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("Keycloak's admin API answered " + response.statusCode() + " to "
                        + response.request().method() + " " + response.request().uri() + ": " + response.body());
            }
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(body, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Keycloak at " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
