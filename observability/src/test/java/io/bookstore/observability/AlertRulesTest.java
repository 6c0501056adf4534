package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Conventions of the alerting rules, checked on the files and, to show the checks bite, on broken variants. */
class AlertRulesTest {

    private static final Pattern RECORDED_NAME = Pattern.compile("\\b[a-z_]+:[a-z0-9_]+:[a-z0-9_]+\\b");

    @Test
    void everyAlertCarriesSeverityAnnotationsRunbookAndDashboard() {
        List<String> problems = new ArrayList<>();
        for (Rules.Alert alert : Rules.alerts()) {
            problems.addAll(AlertChecks.labelsAndAnnotations(alert, Readme.anchors(), dashboardUids()));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theLabelChecksCatchAMissingRunbookAnchorAnUnknownSeverityAndADeadDashboardLink() {
        Rules.Alert good = Rules.alerts().get(0);
        Map<String, String> labels = new HashMap<>(good.labels());
        labels.put("severity", "critical");
        Map<String, String> annotations = new HashMap<>(good.annotations());
        annotations.put("runbook_url", "observability/README.md#no-such-runbook");
        annotations.put("dashboard", "/d/no-such-dashboard/x");
        annotations.remove("description");
        Rules.Alert broken = new Rules.Alert(good.file(), good.name(), good.expr(), labels, annotations);

        List<String> problems = AlertChecks.labelsAndAnnotations(broken, Readme.anchors(), dashboardUids());

        assertThat(problems).hasSize(4).anySatisfy(p -> assertThat(p).contains("severity critical"))
                .anySatisfy(p -> assertThat(p).contains("no-such-runbook"))
                .anySatisfy(p -> assertThat(p).contains("no-such-dashboard"))
                .anySatisfy(p -> assertThat(p).contains("no description"));
    }

    @Test
    void everyAlertHasPromtoolCasesFiringAndSilentAndPerTenantAlertsSpareTheOtherTenant() {
        List<JsonNode> unitTests = unitTests();
        List<String> problems = new ArrayList<>();
        for (Rules.Alert alert : Rules.alerts()) {
            problems.addAll(AlertChecks.unitTestCoverage(alert.name(), unitTests));
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void theCoverageCheckCatchesAnAlertWithoutCasesAndATenantTestWithoutABystander() {
        assertThat(AlertChecks.unitTestCoverage("NoSuchAlert", unitTests()))
                .containsExactly("NoSuchAlert: no promtool case where it fires",
                        "NoSuchAlert: no promtool case where it stays silent");

        JsonNode onlyAcme = ObservabilityFiles.parseYaml("""
                tests:
                  - input_series:
                      - series: 'x{tenant="acme"}'
                    alert_rule_test:
                      - eval_time: 5m
                        alertname: A
                        exp_alerts: []
                      - eval_time: 10m
                        alertname: A
                        exp_alerts:
                          - exp_labels: {severity: page, service: storefront, tenant: acme}
                            exp_annotations: {summary: s, description: d, runbook_url: r, dashboard: d}
                """);
        assertThat(AlertChecks.unitTestCoverage("A", List.of(onlyAcme)))
                .singleElement().asString().contains("no other tenant that must stay silent");
    }

    @Test
    void alertsReadOnlyRecordedSeriesThatAreRecorded() {
        Set<String> recorded = Rules.recordedNames();
        Set<String> missing = new LinkedHashSet<>();
        for (String expression : Rules.expressions().values()) {
            Matcher matcher = RECORDED_NAME.matcher(expression);
            while (matcher.find()) {
                if (!recorded.contains(matcher.group())) {
                    missing.add(matcher.group());
                }
            }
        }

        assertThat(missing).isEmpty();
    }

    @Test
    void rulesUseOnlyTheContractsMetricNamesAndNoPerOrderLabels() {
        String rules = String.join("\n", Rules.expressions().values());

        assertThat(MetricNames.unknownBusinessMetrics(rules)).isEmpty();
        assertThat(MetricNames.FORBIDDEN_LABEL.matcher(rules).find()).isFalse();
        for (Rules.Alert alert : Rules.alerts()) {
            assertThat(alert.labels().keySet()).noneMatch(l -> MetricNames.FORBIDDEN_LABEL.matcher(l).matches());
        }
    }

    @Test
    void theMetricNameCheckCatchesATypo() {
        assertThat(MetricNames.unknownBusinessMetrics("rate(bookstore_checkouts_total[5m]) / rate(bookstore_checkout_total[5m])"))
                .containsExactly("bookstore_checkout_total");
    }

    static Set<String> dashboardUids() {
        Set<String> uids = new LinkedHashSet<>();
        Dashboards.all().values().forEach(d -> uids.add(d.path("uid").asText()));
        return uids;
    }

    private static List<JsonNode> unitTests() {
        List<JsonNode> files = new ArrayList<>();
        for (Path file : ObservabilityFiles.list("prometheus/tests", ".yml")) {
            files.add(ObservabilityFiles.yaml(file));
        }
        return files;
    }
}
