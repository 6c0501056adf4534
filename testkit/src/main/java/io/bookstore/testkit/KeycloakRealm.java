package io.bookstore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The repository's one realm definition, {@code keycloak/bookstore-realm.json}, as the
 * testkit jar carries it: what {@link KeycloakServer} imports, and the names tests and the
 * devstack look up in it (which user belongs to which tenant). The realm's name, audience and
 * roles, which the services require too, are {@link io.bookstore.contracts.Identity}'s.
 */
public final class KeycloakRealm {

    /** The public client of scripts and the load generator (password grant). */
    public static final String CLI_CLIENT = "bookstore-cli";
    /** payments-gateway's confidential client (client credentials). */
    public static final String PAYMENTS_GATEWAY_CLIENT = "payments-gateway";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode realm;

    private KeycloakRealm(JsonNode realm) {
        this.realm = realm;
    }

    public static KeycloakRealm load() {
        try {
            return new KeycloakRealm(JSON.readTree(definition()));
        } catch (IOException e) {
            throw new UncheckedIOException("the realm definition is not JSON", e);
        }
    }

    /** The realm file's text, as Keycloak imports it. */
    static String definition() {
        try (InputStream in = KeycloakRealm.class.getResourceAsStream("keycloak/bookstore-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak/bookstore-realm.json is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tenants the realm's users belong to, in the file's order. */
    public Set<String> tenants() {
        Set<String> tenants = new LinkedHashSet<>();
        for (JsonNode user : realm.path("users")) {
            JsonNode tenant = user.path("attributes").path("tenant").path(0);
            if (tenant.isTextual()) {
                tenants.add(tenant.asText());
            }
        }
        return tenants;
    }

    /** The first user of {@code tenant}; an exception naming the tenants there are when none. */
    public String userOf(String tenant) {
        for (JsonNode user : realm.path("users")) {
            if (tenant.equals(user.path("attributes").path("tenant").path(0).asText(null))) {
                return user.path("username").asText();
            }
        }
        throw new IllegalArgumentException("no user of tenant " + tenant + " in the realm; its tenants: "
                + String.join(", ", tenants()));
    }

    /** The users that sign in with a password (not service accounts). */
    public List<String> users() {
        List<String> users = new ArrayList<>();
        for (JsonNode user : realm.path("users")) {
            if (!user.has("serviceAccountClientId")) {
                users.add(user.path("username").asText());
            }
        }
        return users;
    }
}
