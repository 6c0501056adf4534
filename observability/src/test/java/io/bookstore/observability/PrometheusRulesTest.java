package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** promtool on prometheus.yml, the rule files and their unit tests, and proof that the unit tests bite. */
class PrometheusRulesTest {

    /** promtool's report of a failed alert case: the alert, then the expected alerts, empty or not. */
    private static final Pattern FAILED_CASE = Pattern.compile("alertname: (\\w+), time: [^,]+,\\s*exp:\\[(\\]?)");

    private static Tool promtool;

    @TempDir
    Path temp;

    @BeforeAll
    static void promtool() {
        promtool = Tool.require("promtool");
    }

    @Test
    void devstackConfigIsValidAndLoadsEveryRuleFile() {
        Tool.Result result = promtool.run(ObservabilityFiles.path("prometheus"), "check", "config", "prometheus.yml");

        assertThat(result.succeeded()).as("%s", result).isTrue();
        assertThat(result.output()).contains("SUCCESS: " + Rules.files().size() + " rule files found");
        for (Path rules : Rules.files()) {
            assertThat(result.output()).as("prometheus.yml must load %s", rules.getFileName())
                    .contains("Checking rules/" + rules.getFileName());
        }
    }

    @Test
    void configCheckFailsWhenARuleFileIsMissing() throws Exception {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve("prometheus");
        Files.delete(copy.resolve("rules/platform-alerts.yml"));

        Tool.Result result = promtool.run(copy, "check", "config", "prometheus.yml");

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(result.output()).contains("rules/platform-alerts.yml");
    }

    @Test
    void everyRuleFileIsValid() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        Rules.files().forEach(f -> args.add(f.toString()));

        Tool.Result result = promtool.run(ObservabilityFiles.path("prometheus"), args);

        assertThat(result.succeeded()).as("%s", result).isTrue();
        assertThat(Rules.alerts()).isNotEmpty();
    }

    @Test
    void ruleCheckFailsOnABrokenExpression() {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve("prometheus");
        Path recording = copy.resolve("rules/recording.yml");
        ObservabilityFiles.write(recording, ObservabilityFiles.read(recording)
                .replaceFirst("sum by \\(tenant, region\\) \\(rate\\(", "sum by (tenant, region (rate("));

        Tool.Result result = promtool.run(copy, "check", "rules", recording.toString());

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(result.output()).contains("could not parse expression");
    }

    @Test
    void unitTestsPass() {
        Tool.Result result = runUnitTests(ObservabilityFiles.path("prometheus"));

        assertThat(result.succeeded()).as("%s", result).isTrue();
    }

    /** With every alert made unable to fire, each alert's firing case must fail. */
    @Test
    void everyAlertHasAFiringCaseThatCatchesAnAlertThatNeverFires() {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve("prometheus");
        mutateAlerts(copy, alert -> alert.put("expr", "vector(0) > 1"));

        Tool.Result result = runUnitTests(copy);

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(failedCases(result.output(), false)).as("%s", result).containsAll(alertNames());
    }

    /** With every alert firing at once and always, each alert's silent case must fail. */
    @Test
    void everyAlertHasASilentCaseThatCatchesAnAlertThatAlwaysFires() {
        Path copy = ObservabilityFiles.copyConfiguration(temp).resolve("prometheus");
        mutateAlerts(copy, alert -> {
            alert.put("expr", "vector(1)");
            alert.remove("for");
        });

        Tool.Result result = runUnitTests(copy);

        assertThat(result.succeeded()).as("%s", result).isFalse();
        assertThat(failedCases(result.output(), true)).as("%s", result).containsAll(alertNames());
    }

    private static Tool.Result runUnitTests(final Path prometheusDir) {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        ObservabilityFiles.list("prometheus/tests", ".yml")
                .forEach(t -> args.add(prometheusDir.resolve("tests").resolve(t.getFileName()).toString()));
        return promtool.run(prometheusDir, args);
    }

    private static Set<String> alertNames() {
        Set<String> names = new LinkedHashSet<>();
        Rules.alerts().forEach(a -> names.add(a.name()));
        return names;
    }

    /** Alerts with a failed case expecting no alert ({@code silent}) or some alerts. */
    private static Set<String> failedCases(final String output, final boolean silent) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = FAILED_CASE.matcher(output);
        while (matcher.find()) {
            if (matcher.group(2).isEmpty() != silent) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static void mutateAlerts(final Path prometheusDir, final Consumer<ObjectNode> mutation) {
        for (Path file : Rules.files()) {
            Path copy = prometheusDir.resolve("rules").resolve(file.getFileName());
            JsonNode rules = ObservabilityFiles.yaml(copy);
            for (JsonNode group : rules.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        mutation.accept((ObjectNode) rule);
                    }
                }
            }
            ObservabilityFiles.writeYaml(copy, rules);
        }
    }
}
