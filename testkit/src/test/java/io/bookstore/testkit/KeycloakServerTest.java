package io.bookstore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.Identity;
import io.bookstore.contracts.Tenants;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Keycloak with the repository's realm: the tokens the services will be given. */
class KeycloakServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aShoppersTokenCarriesItsTenantTheAudienceAndTheShopperRole() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();

        JsonNode alice = claims(keycloak.tokens().accessToken("alice"));
        assertThat(alice.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(alice.path("tenant").asText()).isEqualTo("acme");
        assertThat(audiences(alice)).contains(Identity.AUDIENCE);
        assertThat(alice.path("realm_access").path("roles").toString())
                .contains(Identity.SHOPPER_ROLE).doesNotContain(Identity.SETTLER_ROLE);

        assertThat(claims(keycloak.tokens().accessTokenOfTenant("globex")).path("preferred_username").asText()).isEqualTo("bob");
    }

    @Test
    void paymentsGatewaysOwnTokenMaySettleOrdersAndHasNoTenant() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();

        JsonNode gateway = claims(keycloak.tokens().clientToken(KeycloakRealm.PAYMENTS_GATEWAY_CLIENT,
                KeycloakTokens.DEV_PAYMENTS_GATEWAY_SECRET));

        assertThat(gateway.path("azp").asText()).isEqualTo(KeycloakRealm.PAYMENTS_GATEWAY_CLIENT);
        assertThat(gateway.path("realm_access").path("roles").toString()).contains(Identity.SETTLER_ROLE);
        assertThat(gateway.has("tenant")).isFalse();
        assertThat(audiences(gateway)).contains(Identity.AUDIENCE);
    }

    @Test
    void theIssuerIsTheSameWhicheverLoopbackNameTheTokenWasFetchedThrough() throws Exception {
        KeycloakServer keycloak = KeycloakServer.shared();
        String viaLocalhost = keycloak.tokens().tokenEndpoint().replace("127.0.0.1", "localhost");
        HttpRequest request = HttpRequest.newBuilder(URI.create(viaLocalhost))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + KeycloakRealm.CLI_CLIENT
                        + "&username=bob&password=" + KeycloakTokens.DEMO_PASSWORD))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(claims(JSON.readTree(response.body()).path("access_token").asText()).path("iss").asText())
                .isEqualTo(keycloak.issuer());
    }

    @Test
    void aWrongPasswordOrAnUnknownClientSecretGetsNoToken() {
        KeycloakServer keycloak = KeycloakServer.shared();

        assertThatThrownBy(() -> keycloak.tokens().clientToken(KeycloakRealm.PAYMENTS_GATEWAY_CLIENT, "guessed"))
                .hasMessageContaining("401");
        assertThatThrownBy(() -> keycloak.tokens().clientToken(KeycloakRealm.CLI_CLIENT, "any"))
                .hasMessageContaining("refused");
    }

    @Test
    void everyUserWithAPasswordHasAValidTenant() {
        KeycloakRealm realm = KeycloakRealm.load();

        assertThat(realm.users()).contains("alice", "bob", "load-1");
        assertThat(realm.tenants()).contains("acme", "globex").allMatch(Tenants::isValid);
        assertThat(realm.userOf("acme")).isEqualTo("alice");
        assertThatThrownBy(() -> realm.userOf("initech")).hasMessageContaining("acme, globex");
    }

    private static JsonNode claims(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static String audiences(JsonNode claims) {
        return claims.path("aud").toString();
    }
}
