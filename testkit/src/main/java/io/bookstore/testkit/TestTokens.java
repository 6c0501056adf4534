package io.bookstore.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.Identity;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.problem.ProblemType;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.hamcrest.Matchers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens the tests mint themselves, signed with a key that the test JVM's
 * {@link KeycloakServer} publishes in the realm's JWKS beside its own: to a service they are
 * the realm's tokens, for any tenant a test makes up, and also the bad ones a real user cannot
 * get (expired, without a tenant, for another audience). {@link #refused} lists every token a
 * service must turn away.
 *
 * <p>The key is registered once per server (a low-priority RSA key provider through the
 * admin API), before a test application starts, so that its first JWKS already holds it; its
 * private half is kept in system properties, which every class loader of the JVM sees.
 */
public final class TestTokens {

    private static final String PROPERTY_PREFIX = "bookstore.testkit.keycloak.test-key.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Duration LIFESPAN = Duration.ofHours(1);

    /** A token a service must refuse, with the status it must answer; {@code token} null is no Authorization header. */
    public record Refused(String description, String token, int status) {

        /** A request that presents this token (or none). */
        public RequestSpecification request() {
            return token == null ? RestAssured.given() : RestAssured.given().auth().oauth2(token);
        }

        /**
         * The response is the refusal: a 401 problem+json with the Bearer challenge, or a 403
         * problem+json.
         */
        public ValidatableResponse assertRefused(ValidatableResponse response) {
            response.statusCode(status).contentType("application/problem+json");
            if (status == 401) {
                return response.header("WWW-Authenticate", Matchers.startsWith("Bearer realm=\"" + Identity.REALM + "\""))
                        .body("type", Matchers.equalTo(ProblemType.UNAUTHENTICATED.uri()));
            }
            return response.body("type", Matchers.equalTo(ProblemType.FORBIDDEN.uri()));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** What the tokens are signed with, and the realm they claim to come from. */
    private record Signer(String issuer, String kid, PrivateKey key) {
    }

    private final Signer signer;

    private TestTokens(Signer signer) {
        this.signer = signer;
    }

    /** The tokens of this JVM's shared {@link KeycloakServer}, registering the signing key on first use. */
    public static TestTokens shared() {
        return of(KeycloakServer.shared());
    }

    static TestTokens of(KeycloakServer server) {
        synchronized (System.getProperties()) {
            String prefix = PROPERTY_PREFIX + server.port() + ".";
            if (System.getProperty(prefix + "kid") == null) {
                KeyPair pair = newKeyPair();
                String kid = server.publishSigningKey(pair.getPrivate());
                System.setProperty(prefix + "kid", kid);
                System.setProperty(prefix + "key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            return new TestTokens(new Signer(server.issuer(), System.getProperty(prefix + "kid"), privateKey(System.getProperty(prefix + "key"))));
        }
    }

    /**
     * Tokens signed with a new key that the realm publishes from now on, as after a rotation
     * of Keycloak's keys: a service that started before it must fetch the realm's keys again
     * when it meets the new {@code kid}.
     */
    public static TestTokens afterKeyRotation() {
        KeycloakServer server = KeycloakServer.shared();
        KeyPair pair = newKeyPair();
        return new TestTokens(new Signer(server.issuer(), server.publishSigningKey(pair.getPrivate()), pair.getPrivate()));
    }

    /** A shopper of {@code tenant}, as Keycloak issues it to a user with that attribute. */
    public String shopper(String tenant) {
        return sign(claims(tenant, List.of(Identity.SHOPPER_ROLE)));
    }

    /** payments-gateway's service account: the settler role and no tenant. */
    public String settler() {
        Map<String, Object> claims = claims(null, List.of(Identity.SETTLER_ROLE));
        claims.put("azp", KeycloakRealm.PAYMENTS_GATEWAY_CLIENT);
        return sign(claims);
    }

    /** The Authorization header value of {@link #shopper}. */
    public String bearerOf(String tenant) {
        return "Bearer " + shopper(tenant);
    }

    /**
     * Every token a tenant-scoped endpoint must refuse, as a shopper of {@code tenant} might
     * send it: 401 for no token and every invalid one, 403 for a valid one without the
     * shopper role or without a tenant.
     */
    public List<Refused> refused(String tenant) {
        List<Refused> refused = new ArrayList<>();
        refused.add(new Refused("no token", null, 401));
        refused.add(new Refused("not a JWT", "not-a-token", 401));
        Map<String, Object> expired = claims(tenant, List.of(Identity.SHOPPER_ROLE));
        long anHourAgo = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        expired.put("iat", anHourAgo - 300);
        expired.put("exp", anHourAgo);
        refused.add(new Refused("expired", sign(expired), 401));
        Map<String, Object> otherAudience = claims(tenant, List.of(Identity.SHOPPER_ROLE));
        otherAudience.put("aud", "another-platform");
        refused.add(new Refused("for another audience", sign(otherAudience), 401));
        Map<String, Object> otherIssuer = claims(tenant, List.of(Identity.SHOPPER_ROLE));
        otherIssuer.put("iss", signer.issuer().replace("/realms/" + Identity.REALM, "/realms/other"));
        refused.add(new Refused("from another issuer", sign(otherIssuer), 401));
        // The realm's kid over another key's signature: a forgery, not a key the service should look up.
        refused.add(new Refused("signed by another key", sign(claims(tenant, List.of(Identity.SHOPPER_ROLE)), newKeyPair().getPrivate()), 401));
        refused.add(new Refused("unsigned (alg none)", unsigned(claims(tenant, List.of(Identity.SHOPPER_ROLE))), 401));
        refused.add(new Refused("without the shopper role", sign(claims(tenant, List.of())), 403));
        refused.add(new Refused("without a tenant", sign(claims(null, List.of(Identity.SHOPPER_ROLE))), 403));
        refused.add(new Refused("with a malformed tenant", sign(claims("Not A Tenant", List.of(Identity.SHOPPER_ROLE))), 403));
        return refused;
    }

    private Map<String, Object> claims(String tenant, List<String> roles) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", signer.issuer());
        claims.put("aud", Identity.AUDIENCE);
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("typ", "Bearer");
        claims.put("azp", KeycloakRealm.CLI_CLIENT);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFESPAN).getEpochSecond());
        claims.put("realm_access", Map.of("roles", roles));
        if (tenant != null) {
            claims.put(Tenants.CLAIM, tenant);
            claims.put("preferred_username", "test-" + tenant);
        }
        return claims;
    }

    private String sign(Map<String, Object> claims) {
        return sign(claims, signer.key());
    }

    private String sign(Map<String, Object> claims, PrivateKey signingKey) {
        String signed = encode(Map.of("alg", "RS256", "typ", "JWT", "kid", signer.kid())) + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String unsigned(Map<String, Object> claims) {
        return encode(Map.of("alg", "none", "typ", "JWT")) + "." + encode(claims) + ".";
    }

    private static String encode(Map<String, Object> json) {
        try {
            return BASE64URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
