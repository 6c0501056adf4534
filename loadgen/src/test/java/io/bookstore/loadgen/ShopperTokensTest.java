package io.bookstore.loadgen;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * When the load generator fetches tokens: each tenant's before the load, again in the
 * background once two thirds of its life are gone, never on a checkout's path while the one it
 * has is valid. A token endpoint that answers as Keycloak's does, with three-second tokens, so
 * that the refresh is seen within the test (the real realm's live five minutes:
 * CheckoutScenarioTest signs in there).
 */
class ShopperTokensTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private HttpServer keycloak;

    @AfterEach
    void stop() {
        if (keycloak != null) {
            keycloak.stop(0);
        }
    }

    @Test
    void eachTenantsTokenIsFetchedBeforeTheLoadAndAgainBeforeItExpires() throws IOException {
        ShopperTokens tokens = new ShopperTokens(HttpClient.newHttpClient(), startTokenEndpoint(3), Duration.ofSeconds(5));

        tokens.prefetch(List.of("load-1", "load-2"));
        assertThat(asked).containsExactly("load-1", "load-2");
        String first = tokens.authorization("load-1");
        assertThat(first).startsWith("Bearer token-");
        assertThat(tokens.authorization("load-1")).isEqualTo(first);
        assertThat(asked).hasSize(2);

        // After two of its three seconds, a use still gets the old token and starts one fetch.
        await().atMost(Duration.ofSeconds(5)).until(() -> !tokens.authorization("load-1").equals(first));
        assertThat(asked.stream().filter("load-1"::equals).count()).isBetween(2L, 3L);
    }

    @Test
    void aRefusedSignInNamesTheTenantAndTheEndpoint() throws IOException {
        // Main turns it into "loadgen: cannot run: …" and exit code 1.
        ShopperTokens tokens = new ShopperTokens(HttpClient.newHttpClient(), startTokenEndpoint(-1), Duration.ofSeconds(5));

        assertThatThrownBy(() -> tokens.prefetch(List.of("load-11")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("load-11")
                .hasMessageContaining("/protocol/openid-connect/token");
    }

    /** A realm URL whose token endpoint issues tokens living {@code lifeSeconds}, or refuses every sign-in when negative. */
    private String startTokenEndpoint(int lifeSeconds) throws IOException {
        keycloak = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        keycloak.createContext("/realms/bookstore/protocol/openid-connect/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String user = form.replaceAll(".*username=([^&]*).*", "$1");
            asked.add(user);
            byte[] body = (lifeSeconds < 0
                    ? "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}"
                    : "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":" + lifeSeconds + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(lifeSeconds < 0 ? 401 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keycloak.start();
        return "http://127.0.0.1:" + keycloak.getAddress().getPort() + "/realms/bookstore";
    }
}
