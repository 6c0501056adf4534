package io.bookstore.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.Identity;

import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Keycloak server ({@code org.keycloak:keycloak-quarkus-dist} of Maven Central) in
 * development mode on a loopback port, with the repository's {@code bookstore} realm
 * ({@link KeycloakRealm}) imported at start: for tests on a free port with a temporary home,
 * for the devstack on its fixed port with a home whose data stays between runs.
 *
 * <p>The issuer is pinned to {@code http://127.0.0.1:<port>}: a token fetched through
 * {@code localhost} carries the same {@code iss} as one fetched through 127.0.0.1, so the
 * services, which check it, accept both. One server serves a whole test JVM, found through
 * {@link JvmWide} as the {@link KafkaBroker} is.
 */
public final class KeycloakServer {

    private static final String PROPERTY_PREFIX = "bookstore.testkit.keycloak.";
    private static final String PID = PROPERTY_PREFIX + "pid";
    /**
     * The first start of a home also builds Keycloak's configuration (augmentation): minutes on a
     * busy machine. {@code -Dbookstore.testkit.keycloak.start-timeout-seconds} gives more.
     */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong(PROPERTY_PREFIX + "start-timeout-seconds", 180));

    private final Path home;
    private final int port;

    private KeycloakServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static KeycloakServer shared() {
        synchronized (System.getProperties()) {
            Optional<JvmWide.Coordinates> running = JvmWide.recorded(PROPERTY_PREFIX);
            if (running.isPresent()) {
                return new KeycloakServer(running.get().dir(), running.get().port());
            }
            KeycloakServer server = new KeycloakServer(KeycloakHomes.temporary(), FreePorts.next());
            JvmWide.record(PROPERTY_PREFIX, server.home, server.port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.stop();
                KeycloakHomes.delete(server.home);
            }));
            server.start();
            return server;
        }
    }

    /**
     * A server on a fixed port whose home is {@code dir} (the devstack's): made on first use,
     * its users and sessions stay from one run to the next, until the realm definition
     * changes ({@link KeycloakHomes#persistent}). {@link #start()} runs it.
     */
    public static KeycloakServer persistent(Path dir, int port) {
        return new KeycloakServer(KeycloakHomes.persistent(dir), port);
    }

    /**
     * Starts a server in {@code home} on a free port until the realm is served, then stops
     * it: what {@link KeycloakHomes} does once to a template home so that later homes skip
     * Keycloak's build step, its schema creation and the realm import.
     */
    static void warmUp(Path home) {
        KeycloakServer server = new KeycloakServer(home, FreePorts.next());
        try {
            server.start();
        } finally {
            server.stop();
        }
    }

    /** {@code http://127.0.0.1:<port>}, the server's root. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code iss} of the realm's tokens, and the OIDC server URL the services are given. */
    public String issuer() {
        return issuerAt(port);
    }

    /** The realm's issuer on a loopback {@code port}: the devstack's, for one that did not start it. */
    public static String issuerAt(int port) {
        return "http://127.0.0.1:" + port + "/realms/" + Identity.REALM;
    }

    /** Starts the server, or does nothing when it runs; returns once the realm answers. */
    public void start() {
        synchronized (System.getProperties()) {
            if (process().isPresent()) {
                return;
            }
            Process process = ChildProcesses.start(List.of(
                            home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                            "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url()),
                    home.resolve("keycloak.log"), environment());
            System.setProperty(PID + "." + port, Long.toString(process.pid()));
            awaitReady(process);
        }
    }

    /** Stops the server (kc.sh forwards the signal to its JVM), keeping its home. */
    public void stop() {
        synchronized (System.getProperties()) {
            process().ifPresent(handle -> {
                List<ProcessHandle> jvm = handle.descendants().toList();
                ChildProcesses.destroy(handle, Duration.ofSeconds(20));
                jvm.forEach(child -> ChildProcesses.destroy(child, Duration.ofSeconds(5)));
            });
            System.clearProperty(PID + "." + port);
        }
    }

    /** The process id of kc.sh, while it runs. */
    public Optional<Long> pid() {
        return process().map(ProcessHandle::pid);
    }

    /** The process id of Keycloak's JVM, kc.sh's child, while it runs. */
    public Optional<Long> jvmPid() {
        return process().flatMap(handle -> handle.children().findFirst()).map(ProcessHandle::pid);
    }

    int port() {
        return port;
    }

    /**
     * What a service is given to check this realm's tokens: the OIDC server URL, as
     * configuration properties and as the environment of a packaged service.
     */
    public Map<String, String> serviceConfiguration() {
        return Map.of("quarkus.oidc.auth-server-url", issuer());
    }

    /** {@link #serviceConfiguration()} as environment variables, for a service started as a process. */
    public Map<String, String> serviceEnvironment() {
        return Map.of("QUARKUS_OIDC_AUTH_SERVER_URL", issuer());
    }

    /**
     * Publishes {@code key} in the realm's JWKS (an RSA key provider of low priority, so that
     * Keycloak still signs with its own) and returns its {@code kid}.
     */
    String publishSigningKey(PrivateKey key) {
        KeycloakAdmin admin = KeycloakAdmin.signIn(url(), KeycloakHomes.adminPassword(home));
        String realmId = admin.get("").get("id").asText();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----";
        String location = admin.create("/components", Map.of(
                "name", "testkit-" + UUID.randomUUID(),
                "providerId", "rsa",
                "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId,
                "config", Map.of(
                        "priority", List.of("-100"),
                        "enabled", List.of("true"),
                        "active", List.of("true"),
                        "algorithm", List.of("RS256"),
                        "privateKey", List.of(pem))));
        String componentId = location.substring(location.lastIndexOf('/') + 1);
        for (JsonNode published : admin.get("/keys").path("keys")) {
            if (componentId.equals(published.path("providerId").asText())) {
                return published.path("kid").asText();
            }
        }
        throw new IllegalStateException("Keycloak does not list the key it was given (component " + componentId + ")");
    }

    /** Tokens of this server's realm. */
    public KeycloakTokens tokens() {
        return new KeycloakTokens(issuer());
    }

    private Map<String, String> environment() {
        String adminPassword = KeycloakHomes.adminPassword(home);
        return Map.of(
                // kc.sh runs the java of JAVA_HOME: the JDK this JVM runs on (21 or newer).
                "JAVA_HOME", System.getProperty("java.home"),
                // Without it, kc.sh leaves the heap to the JVM's default: a quarter of the machine.
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                // Read on the first start only, when Keycloak creates its master realm's admin.
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    }

    private Optional<ProcessHandle> process() {
        return ChildProcesses.recorded(PID + "." + port);
    }

    private void awaitReady(Process process) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        HttpReadiness.Outcome outcome = HttpReadiness.await(discovery, process, START_TIMEOUT);
        if (outcome == HttpReadiness.Outcome.READY) {
            return;
        }
        if (outcome == HttpReadiness.Outcome.EXITED) {
            throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n"
                    + ChildProcesses.tail(home.resolve("keycloak.log"), 40));
        }
        throw new IllegalStateException("Keycloak did not serve the realm within " + START_TIMEOUT + ":\n"
                + ChildProcesses.tail(home.resolve("keycloak.log"), 40));
    }
}
