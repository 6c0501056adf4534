package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every alert must carry so that the person it reaches can act: a severity the
 * routes know, summary, description, a runbook anchor that exists and a dashboard that
 * exists; and promtool cases that show it firing and staying silent.
 */
final class AlertChecks {

    static final Set<String> SEVERITIES = Set.of("page", "warn", "ticket");
    static final List<String> ANNOTATIONS = List.of("summary", "description", "runbook_url", "dashboard");

    private static final String RUNBOOK_PREFIX = "observability/README.md#";
    private static final Pattern DASHBOARD_LINK = Pattern.compile("^/d/([\\w-]+)(/[\\w-]+)?(\\?.*)?$");
    private static final Pattern TENANT_IN_SERIES = Pattern.compile("tenant=\"([^\"]+)\"");

    private AlertChecks() {
    }

    static List<String> labelsAndAnnotations(final Rules.Alert alert, final Set<String> readmeAnchors,
                                             final Set<String> dashboardUids) {
        List<String> problems = new ArrayList<>();
        String severity = alert.labels().get("severity");
        if (!SEVERITIES.contains(severity)) {
            problems.add(alert.name() + ": severity " + severity + " is none of " + SEVERITIES);
        }
        for (String annotation : ANNOTATIONS) {
            if (alert.annotations().getOrDefault(annotation, "").isBlank()) {
                problems.add(alert.name() + ": no " + annotation + " annotation");
            }
        }
        String runbook = alert.annotations().getOrDefault("runbook_url", "");
        if (!runbook.startsWith(RUNBOOK_PREFIX) || !readmeAnchors.contains(runbook.substring(RUNBOOK_PREFIX.length()))) {
            problems.add(alert.name() + ": runbook_url " + runbook + " is no anchor of observability/README.md");
        }
        Matcher dashboard = DASHBOARD_LINK.matcher(alert.annotations().getOrDefault("dashboard", ""));
        if (!dashboard.matches() || !dashboardUids.contains(dashboard.group(1))) {
            problems.add(alert.name() + ": dashboard " + alert.annotations().get("dashboard") + " links no dashboard uid");
        }
        return problems;
    }

    /**
     * The alert's promtool cases: at least one firing whose expected alerts carry severity,
     * service and every annotation (promtool compares them exactly, so the real alert
     * carries them too), at least one silent; and a per-tenant alert fires for one tenant
     * of its test's input while another tenant of the same input stays silent.
     */
    static List<String> unitTestCoverage(final String alertName, final List<JsonNode> unitTestFiles) {
        List<String> problems = new ArrayList<>();
        boolean fires = false;
        boolean silent = false;
        for (JsonNode file : unitTestFiles) {
            for (JsonNode test : file.path("tests")) {
                Set<String> inputTenants = new LinkedHashSet<>();
                for (JsonNode series : test.path("input_series")) {
                    Matcher tenant = TENANT_IN_SERIES.matcher(series.path("series").asText());
                    if (tenant.find()) {
                        inputTenants.add(tenant.group(1));
                    }
                }
                for (JsonNode check : test.path("alert_rule_test")) {
                    if (!alertName.equals(check.path("alertname").asText())) {
                        continue;
                    }
                    JsonNode expected = check.path("exp_alerts");
                    if (expected.isEmpty()) {
                        silent = true;
                        continue;
                    }
                    fires = true;
                    Set<String> firingTenants = new LinkedHashSet<>();
                    for (JsonNode alert : expected) {
                        JsonNode labels = alert.path("exp_labels");
                        for (String label : List.of("severity", "service")) {
                            if (labels.path(label).asText().isBlank()) {
                                problems.add(alertName + " at " + check.path("eval_time").asText()
                                        + ": expected alert without " + label + " label");
                            }
                        }
                        for (String annotation : ANNOTATIONS) {
                            if (alert.path("exp_annotations").path(annotation).asText().isBlank()) {
                                problems.add(alertName + " at " + check.path("eval_time").asText()
                                        + ": expected alert without " + annotation + " annotation");
                            }
                        }
                        if (labels.has("tenant")) {
                            firingTenants.add(labels.get("tenant").asText());
                        }
                    }
                    if (!firingTenants.isEmpty() && firingTenants.containsAll(inputTenants)) {
                        problems.add(alertName + " at " + check.path("eval_time").asText() + " fires for tenants "
                                + firingTenants + " and its test has no other tenant that must stay silent");
                    }
                }
            }
        }
        if (!fires) {
            problems.add(alertName + ": no promtool case where it fires");
        }
        if (!silent) {
            problems.add(alertName + ": no promtool case where it stays silent");
        }
        return problems;
    }
}
