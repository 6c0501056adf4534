package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboards: well-formed, linked only to the three datasources, and every PromQL query parses. */
class DashboardsTest {

    private static final Map<String, List<String>> VARIABLES = Map.of(
            "bookstore-overview", List.of("region", "tenant"),
            "bookstore-red", List.of("region", "service", "tenant"),
            "bookstore-outbox-kafka", List.of("region", "tenant"),
            "bookstore-payments", List.of("region", "tenant"),
            "bookstore-slo", List.of("region", "tenant"),
            "bookstore-jvm", List.of("region", "service", "instance"));

    @TempDir
    Path temp;

    @Test
    void theSixDashboardsExistWithUniqueUidsAndTheirVariables() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode dashboard : Dashboards.all().values()) {
            String uid = dashboard.path("uid").asText();
            assertThat(uids.add(uid)).as("duplicate uid %s", uid).isTrue();
            assertThat(titles.add(dashboard.path("title").asText())).as("duplicate title in %s", uid).isTrue();
            assertThat(Dashboards.variableNames(dashboard)).as(uid).containsExactlyElementsOf(VARIABLES.get(uid));
        }
        assertThat(uids).containsExactlyInAnyOrderElementsOf(VARIABLES.keySet());
    }

    @Test
    void everyDashboardIsWellFormed() {
        List<String> problems = new ArrayList<>();
        Dashboards.all().values().forEach(d -> problems.addAll(DashboardChecks.problems(d)));

        assertThat(problems).isEmpty();
    }

    @Test
    void theChecksCatchAForeignDatasourceAnEmptyPanelADuplicateIdAndAnUndefinedVariable() {
        ObjectNode dashboard = (ObjectNode) Dashboards.all().values().iterator().next().deepCopy();
        List<JsonNode> panels = Dashboards.panels(dashboard);
        ObjectNode first = (ObjectNode) panels.get(1);
        first.putObject("datasource").put("type", "prometheus").put("uid", "mimir");
        ((ObjectNode) panels.get(2)).putArray("targets");
        ((ObjectNode) panels.get(3)).put("id", first.path("id").asInt());
        ((ObjectNode) panels.get(4).path("targets").get(0)).put("expr", "sum(rate(bookstore_checkouts_total{shop=\"$shop\"}[5m]))");

        List<String> problems = DashboardChecks.problems(dashboard);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("mimir"))
                .anySatisfy(p -> assertThat(p).contains("no target with a query"))
                .anySatisfy(p -> assertThat(p).contains("duplicate id"))
                .anySatisfy(p -> assertThat(p).contains("$shop"));
    }

    @Test
    void everyPromqlQueryParses() {
        Tool promtool = Tool.require("promtool");

        PromqlCheck.Outcome outcome = PromqlCheck.parse(promtool, temp, promqlQueries());

        assertThat(outcome.parsed()).as("%s", outcome).isTrue();
        assertThat(outcome.result().output()).contains("SUCCESS: " + promqlQueries().size() + " rules found");
    }

    @Test
    void theParseCheckCatchesABrokenQuery() {
        Tool promtool = Tool.require("promtool");
        Map<String, String> queries = new LinkedHashMap<>(promqlQueries());
        queries.put("broken panel", Dashboards.substitute(
                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{tenant=~\"$tenant\"}[$__rate_interval]))"));

        PromqlCheck.Outcome outcome = PromqlCheck.parse(promtool, temp, queries);

        assertThat(outcome.parsed()).isFalse();
        assertThat(outcome.result().output()).contains("parse_check:expression_" + (queries.size() - 1));
    }

    @Test
    void dashboardsUseOnlyTheContractsMetricNamesAndNoPerOrderLabels() {
        String all = String.join("\n", promqlQueries().values());

        assertThat(MetricNames.unknownBusinessMetrics(all)).isEmpty();
        assertThat(MetricNames.FORBIDDEN_LABEL.matcher(all).find()).isFalse();
    }

    @Test
    void logsAndTracesQueriesAreThere() {
        List<Dashboards.Query> logsAndTraces = new ArrayList<>();
        Dashboards.all().values().forEach(d -> Dashboards.queries(d).stream()
                .filter(q -> !"promql".equals(q.language())).forEach(logsAndTraces::add));

        assertThat(logsAndTraces).extracting(Dashboards.Query::language).contains("logql", "traceql");
        assertThat(logsAndTraces).allSatisfy(q -> assertThat(q.text()).as(q.where()).isNotBlank());
    }

    /**
     * Every PromQL query of the dashboards (panels and variables) with sample values for
     * the variables, plus the Tempo datasource's trace-to-metrics queries.
     */
    static Map<String, String> promqlQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode dashboard : Dashboards.all().values()) {
            for (Dashboards.Query query : Dashboards.queries(dashboard)) {
                if ("promql".equals(query.language())) {
                    queries.put(query.dashboard() + " " + query.where(), Dashboards.substitute(query.text()));
                }
            }
        }
        for (JsonNode datasource : ObservabilityFiles.yaml("grafana/provisioning/datasources/datasources.yaml").path("datasources")) {
            for (JsonNode query : datasource.path("jsonData").path("tracesToMetrics").path("queries")) {
                // $$ is the provisioning file's escape of $; Grafana fills $__tags from the span.
                queries.put("datasource " + datasource.path("uid").asText() + " " + query.path("name").asText(),
                        query.path("query").asText().replace("$$__tags", "service=\"storefront\""));
            }
        }
        return queries;
    }
}
