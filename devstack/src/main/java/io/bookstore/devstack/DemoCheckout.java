package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.KeycloakRealm;
import io.bookstore.testkit.KeycloakTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One checkout through the storefront, waiting for its final status, as a customer would make
 * it: signed in as a demo user of the realm, whose access token the storefront and every
 * service after it check.
 */
final class DemoCheckout {

    static final String TENANT = "acme";
    private static final String BOOK = "978-0-13-468599-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(String orderId, String status, String traceId) {
    }

    private DemoCheckout() {
    }

    /** The demo user's own checkout, with a token from {@code tokens}. */
    static String user() {
        return KeycloakRealm.load().userOf(TENANT);
    }

    static Result run(KeycloakTokens tokens) {
        String accessToken;
        try {
            accessToken = tokens.accessToken(user());
        } catch (RuntimeException e) {
            throw new StackFailure("the demo user " + user() + " could not sign in: " + e.getMessage(),
                    "look at Keycloak's log in the stack's folder (keycloak/keycloak.log)", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(Service.STOREFRONT.baseUrl() + "/api/v2/checkout"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .header(HttpHeaders.IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .header("Prefer", "wait=10")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"items\":[{\"isbn\":\"" + BOOK + "\",\"qty\":1}],\"payment_method\":\"pm_card_visa\"}"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 202) {
                throw new StackFailure("the demo checkout was answered " + response.statusCode() + ": " + response.body(),
                        "look at the services' logs in the stack's logs folder");
            }
            JsonNode body = JSON.readTree(response.body());
            return new Result(body.path("order_id").asText(), body.path("status").asText(), body.path("trace_id").asText());
        } catch (StackFailure failure) {
            throw failure;
        } catch (Exception e) {
            throw new StackFailure("the demo checkout failed: " + e, "look at storefront's log in the stack's logs folder", e);
        }
    }
}
