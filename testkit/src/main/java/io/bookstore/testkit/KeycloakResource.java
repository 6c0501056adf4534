package io.bookstore.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus test at the test JVM's shared {@link KeycloakServer}, the real server with
 * the repository's realm, whose JWKS already holds the key of {@link TestTokens}: the
 * service checks the tests' tokens as it checks Keycloak's own.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        KeycloakServer server = KeycloakServer.shared();
        TestTokens.shared();
        return server.serviceConfiguration();
    }

    @Override
    public void stop() {
        // The server outlives one application start: it serves the whole test JVM.
    }
}
