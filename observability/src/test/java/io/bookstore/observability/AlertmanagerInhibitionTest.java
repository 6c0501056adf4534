package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Alertmanager with alertmanager.yml: a page silences the warnings of the same
 * service in the same region, and nothing else. amtool cannot test inhibition; the
 * server's API reports, for each alert, which alerts inhibit it.
 */
class AlertmanagerInhibitionTest {

    private static Tool alertmanager;

    @TempDir
    Path temp;

    private Process server;

    @BeforeAll
    static void alertmanager() {
        alertmanager = Tool.require("prometheus-alertmanager", "alertmanager");
    }

    @AfterEach
    void stop() {
        Servers.stop(server);
    }

    @Test
    void aPageInhibitsTheWarningsOfItsServiceInItsRegionOnly() throws Exception {
        String url = start(config(true));

        post(url, List.of(
                alert("OutboxStalled", "page", "outbox-publisher", "eu-west-1"),
                alert("OutboxOldestPendingAgeHigh", "warn", "outbox-publisher", "eu-west-1"),
                alert("OutboxOldestPendingAgeHigh", "warn", "outbox-publisher", "us-east-1"),
                alert("ConsumerLagHigh", "warn", "catalog", "eu-west-1")));
        Map<String, JsonNode> status = statusByAlert(url, 4);

        assertThat(state(status, "OutboxStalled", "eu-west-1")).isEqualTo("active");
        assertThat(state(status, "OutboxOldestPendingAgeHigh", "eu-west-1")).isEqualTo("suppressed");
        assertThat(status.get("OutboxOldestPendingAgeHigh eu-west-1").path("inhibitedBy")).hasSize(1);
        assertThat(state(status, "OutboxOldestPendingAgeHigh", "us-east-1")).isEqualTo("active");
        assertThat(state(status, "ConsumerLagHigh", "eu-west-1")).isEqualTo("active");
    }

    /** The same alerts without the inhibit rule: the warning stays active, so the test above can fail. */
    @Test
    void withoutTheInhibitRuleTheWarningStaysActive() throws Exception {
        String url = start(config(false));

        post(url, List.of(
                alert("OutboxStalled", "page", "outbox-publisher", "eu-west-1"),
                alert("OutboxOldestPendingAgeHigh", "warn", "outbox-publisher", "eu-west-1")));
        Map<String, JsonNode> status = statusByAlert(url, 2);

        assertThat(state(status, "OutboxOldestPendingAgeHigh", "eu-west-1")).isEqualTo("active");
    }

    /**
     * A copy of alertmanager.yml whose receivers keep their names but lose their
     * integrations: routing and inhibition are unchanged, and nothing tries to reach
     * PagerDuty, Slack or SMTP from a test.
     */
    private Path config(final boolean withInhibitRules) {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve("alertmanager/alertmanager.yml");
        ObjectNode config = (ObjectNode) ObservabilityFiles.yaml(copy);
        ArrayNode receivers = config.putArray("receivers");
        for (JsonNode receiver : ObservabilityFiles.yaml("alertmanager/alertmanager.yml").path("receivers")) {
            receivers.addObject().put("name", receiver.path("name").asText());
        }
        if (!withInhibitRules) {
            config.remove("inhibit_rules");
        }
        ObservabilityFiles.writeYaml(copy, config);
        return copy;
    }

    private String start(final Path config) {
        int port = Servers.freePort();
        Path log = temp.resolve("alertmanager.log");
        server = alertmanager.start(config.getParent(), log, List.of(
                "--config.file=" + config,
                "--storage.path=" + temp.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                // No gossip: a test instance must not bind 9094 or look for peers.
                "--cluster.listen-address="));
        String url = "http://127.0.0.1:" + port;
        Servers.await(url + "/-/ready", body -> true, Duration.ofSeconds(30), server, log);
        return url;
    }

    private static ObjectNode alert(final String name, final String severity, final String service, final String region) {
        ObjectNode alert = ObservabilityFiles.JSON.createObjectNode();
        alert.putObject("labels").put("alertname", name).put("severity", severity)
                .put("service", service).put("region", region);
        alert.putObject("annotations").put("summary", name + " " + region);
        return alert;
    }

    private static void post(final String url, final List<ObjectNode> alerts) throws Exception {
        ArrayNode body = ObservabilityFiles.JSON.createArrayNode();
        alerts.forEach(body::add);
        HttpResponse<String> response = Servers.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ObservabilityFiles.JSON.writeValueAsString(body)))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Map<String, JsonNode> statusByAlert(final String url, final int expected) throws Exception {
        HttpResponse<String> response = Servers.get(url + "/api/v2/alerts");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> status = new HashMap<>();
        for (JsonNode alert : ObservabilityFiles.JSON.readTree(response.body())) {
            JsonNode labels = alert.path("labels");
            status.put(labels.path("alertname").asText() + " " + labels.path("region").asText(), alert.path("status"));
        }
        assertThat(status).as(response.body()).hasSize(expected);
        return status;
    }

    private static String state(final Map<String, JsonNode> status, final String alertName, final String region) {
        return status.get(alertName + " " + region).path("state").asText();
    }
}
