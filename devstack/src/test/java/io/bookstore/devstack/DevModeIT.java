package io.bookstore.devstack;

import io.bookstore.devstack.BookstoreScript.Run;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.KeycloakTokens;
import io.bookstore.testkit.QuarkusApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Working on one service as devstack/README.md says: the stack without orders, then orders in
 * {@code quarkus:dev} with the variables of {@code ./bookstore env orders}. A checkout through
 * the storefront goes through the dev-mode orders and ends paid, Dev UI answers, and an edit of
 * orders' REST resource is served after live reload. Maven runs on a copy of the sources, so
 * the edit never touches this checkout. Needs the stack's ports free.
 */
class DevModeIT {

    /** The stack's Keycloak, on its fixed port, where the demo user signs in. */
    private static final KeycloakTokens STACK_TOKENS =
            new KeycloakTokens(KeycloakServer.issuerAt(Ports.KEYCLOAK));

    private static final Path DIR = Path.of("target", "dev-mode-it").toAbsolutePath();
    private static final Path STACK = DIR.resolve("stack");
    private static final Path SOURCES = DIR.resolve("checkout");
    /** What Maven's copy leaves out: build output, the stack's data, version control. */
    private static final Set<String> NOT_COPIED = Set.of("target", ".devstack", ".git", "node_modules");
    private static final Pattern EXPORT = Pattern.compile("^export ([A-Z0-9_]+)='(.*)'$");
    private static final String EDITED_ANSWER = "served after a live reload";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private Process devMode;

    @AfterEach
    void stopEverything() throws Exception {
        if (devMode != null) {
            // Maven forks the application's JVM: stop that first, then Maven.
            devMode.descendants().forEach(ProcessHandle::destroy);
            devMode.destroy();
            if (!devMode.waitFor(60, TimeUnit.SECONDS)) {
                devMode.descendants().forEach(ProcessHandle::destroyForcibly);
                devMode.destroyForcibly();
            }
        }
        BookstoreScript.run(Map.of(), "down", "--dir", STACK.toString());
    }

    @Test
    void ordersInDevModeServesTheStacksCheckoutsAndReloadsAnEdit() throws Exception {
        copySources(BookstoreScript.HOME, SOURCES);

        Path ordersJar = Service.ORDERS.jar(BookstoreScript.HOME);
        boolean ordersWasTrained = QuarkusApp.hasTrainedAotCache(ordersJar);
        Run up = BookstoreScript.run(Map.of(), "up", "--detach", "--fresh", "--without", "orders", "--monitoring", "off",
                "--dir", STACK.toString());
        assertThat(up.exitCode()).as(up.output()).isZero();
        BookstoreScript.assertAnyTrainingAcceptedCheckouts(up);
        // up installed what dev mode resolves without packaging orders again: the next full up
        // finds orders' trained AOT cache still newer than its jar, and trains nothing.
        if (ordersWasTrained) {
            assertThat(QuarkusApp.hasTrainedAotCache(ordersJar)).as("orders' trained AOT cache is still fresh").isTrue();
        }
        assertThat(up.output()).contains("No demo checkout: the stack runs without orders")
                .contains("eval \"$(./bookstore env orders)\" && ./mvnw quarkus:dev -pl orders");

        Run env = BookstoreScript.run(Map.of(), "env", "orders");
        assertThat(env.exitCode()).as(env.output()).isZero();
        // up built this checkout; the copy dev mode runs in is built the same way.
        Path log = DIR.resolve("quarkus-dev.log");
        Files.deleteIfExists(log);
        compile(log);
        devMode = startDevMode(exports(env.output()), log);

        awaitHttp(Service.ORDERS.baseUrl() + "/q/health/ready", "", response -> response.statusCode() == 200,
                Duration.ofMinutes(6), log);

        DemoCheckout.Result checkout = DemoCheckout.run(STACK_TOKENS);
        assertThat(checkout.status()).as("a checkout through the dev-mode orders").isEqualTo("paid");
        assertThat(Files.readString(log)).as("orders in dev mode served it").contains(checkout.traceId());

        HttpResponse<String> devUi = get(Service.ORDERS.baseUrl() + "/q/dev-ui/", "");
        assertThat(devUi.statusCode()).isEqualTo(200);

        editOrdersResource();
        awaitHttp(Service.ORDERS.baseUrl() + "/orders/dev-mode-edit", DemoCheckout.TENANT,
                response -> response.statusCode() == 200 && response.body().equals(EDITED_ANSWER), Duration.ofMinutes(2), log);
    }

    /** The checkout's sources, as Maven needs them to build orders and what it depends on. */
    private static void copySources(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> old = Files.walk(to)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The variables {@code eval "$(./bookstore env orders)"} sets. */
    private static Map<String, String> exports(String printed) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : printed.strip().split("\n")) {
            Matcher export = EXPORT.matcher(line);
            assertThat(export.matches()).as("an export line: %s", line).isTrue();
            env.put(export.group(1), export.group(2).replace("'\\''", "'"));
        }
        assertThat(env).containsKeys("QUARKUS_HTTP_PORT", "QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DEVSERVICES_ENABLED");
        return env;
    }

    /** Dev mode loads the modules orders depends on from their compiled classes, in the copy too. */
    private static void compile(Path log) throws IOException, InterruptedException {
        Process compile = maven(List.of("./mvnw", "-B", "-q", "compile", "-pl", "orders", "-am"), Map.of(), log).start();
        assertThat(compile.waitFor(5, TimeUnit.MINUTES)).as("compiling the copy").isTrue();
        assertThat(compile.exitValue()).as("compiling the copy:\n%s", tail(log)).isZero();
    }

    /** The README's command, in the copy; no debugger port and no analytics question in a test. */
    private static Process startDevMode(Map<String, String> exports, Path log) throws IOException {
        return maven(List.of("./mvnw", "-B", "quarkus:dev", "-pl", "orders", "-Ddebug=false", "-Dquarkus.analytics.disabled=true"),
                exports, log).start();
    }

    private static ProcessBuilder maven(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(SOURCES.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    /** Adds an endpoint to orders' REST resource, as a developer's edit would. */
    private static void editOrdersResource() throws IOException {
        Path resource = SOURCES.resolve("orders/src/main/java/io/bookstore/orders/rest/OrdersResource.java");
        String source = Files.readString(resource);
        int classEnd = source.lastIndexOf('}');
        Files.writeString(resource, source.substring(0, classEnd) + """

                    @jakarta.ws.rs.GET
                    @jakarta.ws.rs.Path("/dev-mode-edit")
                    @jakarta.ws.rs.Produces("text/plain")
                    public String devModeEdit() {
                        return "%s";
                    }
                }
                """.formatted(EDITED_ANSWER));
    }

    private void awaitHttp(String url, String tenant, Predicate<HttpResponse<String>> done, Duration timeout, Path log)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            assertThat(devMode.isAlive()).as("quarkus:dev exited:\n%s", tail(log)).isTrue();
            try {
                HttpResponse<String> response = get(url, tenant);
                if (done.test(response)) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(url + " did not answer as expected within " + timeout + " (last: " + last + "):\n" + tail(log));
    }

    private static HttpResponse<String> get(String url, String tenant) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (!tenant.isEmpty()) {
            request.header("Authorization", "Bearer " + STACK_TOKENS.accessTokenOfTenant(tenant));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
