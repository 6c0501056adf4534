package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a provisioned dashboard must be to show data rather than errors. */
final class DashboardChecks {

    static final Set<String> DATASOURCE_UIDS = Set.of("prometheus", "tempo", "loki");
    private static final Set<String> WITHOUT_QUERIES = Set.of("row", "text");

    private DashboardChecks() {
    }

    static List<String> problems(final JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        List<String> problems = new ArrayList<>();
        if (uid.isBlank()) {
            problems.add(dashboard.path("title").asText() + ": no uid");
        }
        int schemaVersion = dashboard.path("schemaVersion").asInt();
        if (schemaVersion < 36 || schemaVersion > 41) {
            problems.add(uid + ": schemaVersion " + schemaVersion + " is not one Grafana 11/12 writes");
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : Dashboards.panels(dashboard)) {
            String where = uid + " panel " + panel.path("id").asText() + " \"" + panel.path("title").asText() + "\"";
            if (!panel.path("id").isInt() || !ids.add(panel.path("id").asInt())) {
                problems.add(where + ": missing or duplicate id");
            }
            if (WITHOUT_QUERIES.contains(panel.path("type").asText())) {
                continue;
            }
            boolean hasQuery = false;
            for (JsonNode target : panel.path("targets")) {
                hasQuery |= !target.path("expr").asText().isBlank() || !target.path("query").asText().isBlank();
            }
            if (!hasQuery) {
                problems.add(where + ": no target with a query");
            }
        }
        for (JsonNode datasource : dashboard.findValues("datasource")) {
            String datasourceUid = datasource.path("uid").asText(datasource.asText());
            if (!DATASOURCE_UIDS.contains(datasourceUid)) {
                problems.add(uid + ": datasource " + datasource + " is none of " + DATASOURCE_UIDS);
            }
        }
        List<String> variables = Dashboards.variableNames(dashboard);
        for (Dashboards.Query query : Dashboards.queries(dashboard)) {
            for (String variable : Dashboards.variablesUsed(query.text())) {
                if (!variables.contains(variable)) {
                    problems.add(uid + " " + query.where() + ": uses $" + variable + ", which the dashboard does not define");
                }
            }
            boolean logsOrTraces = "logql".equals(query.language()) || "traceql".equals(query.language());
            if (logsOrTraces && !query.text().strip().startsWith("{")) {
                problems.add(uid + " " + query.where() + ": " + query.language() + " query does not start with a selector");
            }
            if (query.language().startsWith("unknown")) {
                problems.add(uid + " " + query.where() + ": " + query.language());
            }
        }
        return problems;
    }
}
