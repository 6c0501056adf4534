package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.testkit.KeycloakServer;
import io.bookstore.testkit.KeycloakTokens;
import io.bookstore.testkit.TopicWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration against the real thing: the whole bookstore runs ({@code ./bookstore up}),
 * checkout load and the failures the dashboards exist for are driven through it, the real
 * Prometheus scrapes it with {@code prometheus/prometheus.yml} and evaluates the rules, and
 * then every recording rule and every dashboard PromQL query (variables filled in as
 * Grafana's "All" would) must return data. A metric renamed in code, a label the services
 * do not send, or a bucket bound they do not have leaves a query empty and fails here.
 */
class LiveDashboardsIT {

    private static final Path HOME = ObservabilityFiles.ROOT.getParent();
    private static final Path STACK = ObservabilityFiles.ROOT.resolve("target").resolve("live-dashboards");
    private static final String PROMETHEUS = "http://127.0.0.1:9090";
    private static final String STOREFRONT = "http://127.0.0.1:8080";

    /** Checkouts of this tenant fail on catalog's demonstration switch: its availability SLO burns. */
    /** alice's tenant: her token, from the stack's Keycloak, is the failing checkouts' caller. */
    private static final String FAILING_TENANT = "acme";
    private static final KeycloakTokens STACK_TOKENS = new KeycloakTokens(KeycloakServer.issuerAt(8180));
    private static final String FORCED_FAILURE_ISBN = "979-8-00000-500-2";

    /** What Grafana sends for "All" of the dashboards' multi-value variables, and one service for the rest. */
    private static final Map<String, String> VARIABLES = Map.of(
            "__rate_interval", "1m",
            "__interval", "15s",
            "__range", "10m",
            "region", ".*",
            "tenant", ".*",
            "instance", ".*",
            "service", "storefront");

    /**
     * Series that the stack cannot produce, each for a stated reason; any other empty query fails.
     * The span metrics come from the collector's spanmetrics connector, which runs in Kubernetes,
     * not in the devstack (CollectorConfigTest checks its configuration).
     */
    private static final Pattern NOT_IN_THE_DEVSTACK = Pattern.compile("\\btraces_spanmetrics_\\w+");

    /**
     * How long the checkouts run. Every query had data after 73 s on 2026-12-05 (a fresh stack,
     * the 15 s scrape and rule intervals); the series stay after the traffic stops, at rate 0,
     * and the page keeps firing on its 5 minutes of errors, so a slower machine's queries are
     * waited for up to four minutes, not the traffic. 150 s of it took a minute more of CI.
     */
    private static final Duration TRAFFIC_TIME = Duration.ofSeconds(90);
    private static final ExecutorService TRAFFIC = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void startTheBookstoreUnderLoad() throws Exception {
        Tool.require("prometheus");
        Tool.require("prometheus-alertmanager", "alertmanager");
        Files.createDirectories(STACK);
        Run up = bookstore(Duration.ofMinutes(10), "up", "--detach", "--fresh", "--no-demo", "--dir", STACK.toString());
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("Prometheus http://127.0.0.1:9090").contains("Alertmanager http://127.0.0.1:9093");
    }

    @AfterAll
    static void stopTheBookstore() throws Exception {
        TRAFFIC.shutdownNow();
        Run down = bookstore(Duration.ofMinutes(2), "down", "--dir", STACK.toString());
        assertThat(down.exitCode()).as(down.output()).isZero();
    }

    @Test
    void everyRecordingRuleAndDashboardQueryReturnsData() throws Exception {
        // Paid and declined checkouts of three tenants, as in production.
        Future<Run> load = TRAFFIC.submit(() -> bookstore(Duration.ofMinutes(4), "load", "checkout",
                "--rate", "8", "--duration", TRAFFIC_TIME.toSeconds() + "s", "--warmup", "0s", "--tenants", "3", "--decline-share", "0.2",
                "--out", STACK.resolve("load").toString()));
        // One tenant's checkouts fail on catalog's switch: the 5xx panels and the burn-rate page. Far
        // fewer than the others, as in the README's walk-through, so that the storefront's circuit
        // breaker on catalog (open at half of the last 10 calls failing) stays closed for them.
        Future<?> failures = TRAFFIC.submit(LiveDashboardsIT::failCheckoutsForTheTrafficTime);
        // What no healthy run produces: a forged webhook, a poison record, an outbox row that can never be sent.
        forgeAWebhook();
        poisonTheTopic();
        insertAnUnsendableOutboxRow();

        Map<String, String> queries = queries();
        // The walk-through's page: the fast burn of the failing tenant's availability budget.
        queries.put("the forced-500 walk-through's page", "ALERTS{alertname=\"CheckoutAvailabilityFastBurn\", alertstate=\"firing\", tenant=\""
                + FAILING_TENANT + "\"}");
        Map<String, String> empty = new LinkedHashMap<>(queries);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!empty.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(5_000);
            empty.entrySet().removeIf(query -> hasData(query.getValue()));
        }

        Run loadRun = load.get(5, TimeUnit.MINUTES);
        assertThat(loadRun.exitCode()).as(loadRun.output()).isZero();
        failures.get(1, TimeUnit.MINUTES);
        assertThat(empty).as("queries (of %d) that returned no data from the running bookstore", queries.size()).isEmpty();
        // Prometheus sent the page to the stack's Alertmanager, which routes it to the pager.
        String alerts = Servers.await("http://127.0.0.1:9093/api/v2/alerts?filter=alertname%3D%22CheckoutAvailabilityFastBurn%22",
                body -> body.contains("\"tenant\":\"" + FAILING_TENANT + "\""), Duration.ofSeconds(60));
        assertThat(alerts).contains("\"pager\"");
    }

    /** Every recording rule's series, and every dashboard PromQL query, by where it is. */
    private static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (String recorded : Rules.recordedNames()) {
            queries.put("recording rule " + recorded, recorded);
        }
        Dashboards.all().forEach((file, dashboard) -> {
            for (Dashboards.Query query : Dashboards.queries(dashboard)) {
                if (query.language().equals("promql") && !NOT_IN_THE_DEVSTACK.matcher(query.text()).find()) {
                    queries.put(query.dashboard() + " " + query.where(), Dashboards.substitute(query.text(), VARIABLES));
                }
            }
        });
        return queries;
    }

    private static boolean hasData(String promql) {
        HttpResponse<String> response = Servers.get(PROMETHEUS + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode body = ObservabilityFiles.parseYaml(response.body());
        assertThat(body.path("status").asText()).as(promql + " → " + response.body()).isEqualTo("success");
        JsonNode result = body.path("data").path("result");
        return body.path("data").path("resultType").asText().equals("scalar") || !result.isEmpty();
    }

    private static void failCheckoutsForTheTrafficTime() {
        Instant end = Instant.now().plus(TRAFFIC_TIME);
        String body = "{\"items\":[{\"isbn\":\"" + FORCED_FAILURE_ISBN + "\",\"qty\":1}],\"payment_method\":\"pm_card_visa\"}";
        while (Instant.now().isBefore(end) && !Thread.currentThread().isInterrupted()) {
            HttpResponse<String> response = Servers.send(HttpRequest.newBuilder(URI.create(STOREFRONT + "/api/v2/checkout"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + STACK_TOKENS.accessTokenOfTenant(FAILING_TENANT))
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            Servers.sleep(Duration.ofSeconds(3));
        }
    }

    private static void forgeAWebhook() {
        HttpResponse<String> response = Servers.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8084/webhooks/psp"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_forged\",\"type\":\"payment_intent.succeeded\"}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    private static void poisonTheTopic() {
        try (TopicWriter writer = TopicWriter.to("127.0.0.1:9092")) {
            writer.send(Topics.ORDERS, UUID.randomUUID().toString(), "not json", Map.of(
                    CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.ID, UUID.randomUUID().toString(),
                    CloudEventHeaders.TYPE, EventTypes.ORDER_CREATED, CloudEventHeaders.SOURCE, "/live-dashboards-it",
                    CloudEventHeaders.TENANT, FAILING_TENANT));
        }
    }

    private static void insertAnUnsendableOutboxRow() throws SQLException {
        String url = "jdbc:postgresql://" + System.getenv().getOrDefault("BOOKSTORE_PG_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("BOOKSTORE_PG_PORT", "5432") + "/bookstore_orders";
        try (Connection connection = DriverManager.getConnection(url, System.getenv().getOrDefault("BOOKSTORE_PG_USER", "postgres"),
                System.getenv().getOrDefault("BOOKSTORE_PG_PASSWORD", ""));
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO outbox (event_id, aggregate_id, version, event_type, tenant, payload, occurred_at)
                     VALUES (?, ?, 1, 'order.created', ?, '["not", "an", "object"]', now())""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, UUID.randomUUID());
            insert.setString(3, FAILING_TENANT);
            insert.executeUpdate();
        }
    }

    record Run(int exitCode, String output) {
    }

    private static Run bookstore(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bookstore").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(STACK, "bookstore-", ".out");
        Process process = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./bookstore " + String.join(" ", args) + " did not finish:\n" + Files.readString(output));
        }
        return new Run(process.exitValue(), Files.readString(output));
    }
}
