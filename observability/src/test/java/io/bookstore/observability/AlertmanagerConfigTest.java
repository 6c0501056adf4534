package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** amtool on alertmanager.yml: the config loads, and each severity, tenant and region reaches its receiver. */
class AlertmanagerConfigTest {

    private static final String CONFIG = "alertmanager/alertmanager.yml";

    /** Where each severity goes for a tenant without a route of its own. */
    private static final Map<String, String> RECEIVER_BY_SEVERITY =
            Map.of("page", "pager", "warn", "chat", "ticket", "ticket-digest");

    /** Receiver fields that would hold a secret; Alertmanager reads each from a file instead. */
    private static final Set<String> SECRET_FIELDS = Set.of("url", "api_url", "routing_key", "service_key",
            "auth_password", "auth_secret", "api_key", "api_secret", "bot_token", "token", "password");

    private static Tool amtool;

    @TempDir
    Path temp;

    @BeforeAll
    static void amtool() {
        amtool = Tool.require("amtool");
    }

    @Test
    void configIsValid() {
        Tool.Result result = check(ObservabilityFiles.path(CONFIG));

        assertThat(result.succeeded()).as("%s", result).isTrue();
        assertThat(result.output()).contains("1 inhibit rules").contains("1 templates");
    }

    @Test
    void configCheckFailsOnARouteToAnUndefinedReceiver() {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve(CONFIG);
        ObservabilityFiles.write(copy, ObservabilityFiles.read(copy).replace("receiver: ticket-digest", "receiver: tickets"));

        Tool.Result result = check(copy);

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(result.output()).contains("tickets");
    }

    @Test
    void everyRoutingCaseReachesItsReceivers() {
        List<RouteCase> cases = routeCases();
        assertThat(cases).hasSizeGreaterThan(5);

        for (RouteCase routeCase : cases) {
            Tool.Result result = routesTest(ObservabilityFiles.path(CONFIG), routeCase);
            assertThat(result.succeeded()).as("%s\n%s", routeCase, result).isTrue();
        }
    }

    @Test
    void aRoutingCaseWithTheWrongReceiverFails() {
        RouteCase acmePage = routeCases().get(0);
        RouteCase wrong = new RouteCase("pager", acmePage.labels());

        Tool.Result result = routesTest(ObservabilityFiles.path(CONFIG), wrong);

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(result.output()).contains("pager-acme-eu-west-1,pager");
    }

    @Test
    void everyAlertOfTheRulesReachesTheReceiverOfItsSeverity() {
        for (Rules.Alert alert : Rules.alerts()) {
            Map<String, String> labels = new LinkedHashMap<>(alert.labels());
            labels.put("alertname", alert.name());
            labels.putIfAbsent("service", "orders");
            labels.put("tenant", "globex");
            labels.put("region", "us-east-1");
            RouteCase routeCase = new RouteCase(RECEIVER_BY_SEVERITY.get(alert.labels().get("severity")), labels);

            Tool.Result result = routesTest(ObservabilityFiles.path(CONFIG), routeCase);

            assertThat(result.succeeded()).as("%s\n%s", routeCase, result).isTrue();
        }
    }

    @Test
    void noReceiverHoldsASecret() {
        assertThat(secretsInReceivers(ObservabilityFiles.yaml(CONFIG))).isEmpty();
    }

    @Test
    void theSecretCheckCatchesAWebhookUrlWrittenIntoTheFile() {
        ObjectNode config = ObservabilityFiles.mutableYaml(CONFIG);
        ObjectNode slack = null;
        for (JsonNode receiver : config.path("receivers")) {
            if ("chat".equals(receiver.path("name").asText())) {
                slack = (ObjectNode) receiver.path("slack_configs").get(0);
            }
        }
        slack.remove("api_url_file");
        slack.put("api_url", "https://hooks.slack.com/services/T000/B000/XXXX");

        assertThat(secretsInReceivers(config)).singleElement().asString().contains("chat").contains("api_url");
    }

    private static List<String> secretsInReceivers(final JsonNode config) {
        List<String> problems = new ArrayList<>();
        for (JsonNode receiver : config.path("receivers")) {
            Iterator<Map.Entry<String, JsonNode>> integrations = receiver.fields();
            while (integrations.hasNext()) {
                Map.Entry<String, JsonNode> integration = integrations.next();
                for (JsonNode settings : integration.getValue()) {
                    settings.fieldNames().forEachRemaining(field -> {
                        if (SECRET_FIELDS.contains(field)) {
                            problems.add(receiver.path("name").asText() + " " + integration.getKey() + ": " + field
                                    + " in the file; use " + field + "_file");
                        }
                    });
                }
            }
        }
        return problems;
    }

    private static Tool.Result check(final Path config) {
        return amtool.run(config.getParent(), "check-config", config.toString());
    }

    private static Tool.Result routesTest(final Path config, final RouteCase routeCase) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + config,
                "--verify.receivers=" + routeCase.receivers()));
        routeCase.labels().forEach((name, value) -> args.add(name + "=" + value));
        return amtool.run(config.getParent(), args);
    }

    /** alertmanager/tests/routes.txt: expected receivers, then the alert's labels. */
    static List<RouteCase> routeCases() {
        List<RouteCase> cases = new ArrayList<>();
        for (String line : ObservabilityFiles.read("alertmanager/tests/routes.txt").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 1; i < fields.length; i++) {
                String[] pair = fields[i].split("=", 2);
                labels.put(pair[0], pair[1]);
            }
            cases.add(new RouteCase(fields[0], labels));
        }
        return cases;
    }

    record RouteCase(String receivers, Map<String, String> labels) {
    }
}
