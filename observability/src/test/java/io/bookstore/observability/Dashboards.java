package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboards of grafana/dashboards and the queries in them. */
final class Dashboards {

    static final String DIR = "grafana/dashboards";

    /** A query of a panel or of a template variable; {@code language} is promql, logql or traceql. */
    record Query(String dashboard, String where, String language, String text) {
    }

    /** Sample values for Grafana's built-in and the dashboards' variables, to make queries parseable. */
    private static final Map<String, String> SAMPLES = Map.of(
            "__rate_interval", "1m",
            "__interval", "1m",
            "__range", "1h",
            "tenant", "acme",
            "region", "eu-west-1",
            "service", "storefront",
            "instance", "10.0.0.1:8080");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");

    private Dashboards() {
    }

    static List<Path> files() {
        return ObservabilityFiles.list(DIR, ".json");
    }

    static Map<Path, JsonNode> all() {
        Map<Path, JsonNode> dashboards = new LinkedHashMap<>();
        files().forEach(f -> dashboards.put(f, ObservabilityFiles.json(f)));
        return dashboards;
    }

    /** Panels, with the panels nested in collapsed rows. */
    static List<JsonNode> panels(final JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }

    static List<Query> queries(final JsonNode dashboard) {
        String uid = dashboard.path("uid").asText();
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                JsonNode datasource = target.has("datasource") ? target.get("datasource") : panel.path("datasource");
                String where = "panel " + panel.path("id").asText() + " \"" + panel.path("title").asText() + "\" "
                        + target.path("refId").asText();
                switch (datasource.path("uid").asText()) {
                    case "prometheus" -> queries.add(new Query(uid, where, "promql", target.path("expr").asText()));
                    case "loki" -> queries.add(new Query(uid, where, "logql", target.path("expr").asText()));
                    case "tempo" -> queries.add(new Query(uid, where, "traceql", target.path("query").asText()));
                    default -> queries.add(new Query(uid, where, "unknown " + datasource, ""));
                }
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText();
                Matcher labelValues = LABEL_VALUES.matcher(text.trim());
                String where = "variable " + variable.path("name").asText();
                queries.add(new Query(uid, where, "promql", labelValues.matches() ? labelValues.group(1) : text));
            }
        }
        return queries;
    }

    static List<String> variableNames(final JsonNode dashboard) {
        List<String> names = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    /** Variables a query uses, without Grafana's built-in ones. */
    static List<String> variablesUsed(final String query) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(query);
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (!name.startsWith("__")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The query with every variable replaced by a sample value; unknown variables stay, and fail parsing. */
    static String substitute(final String query) {
        return substitute(query, SAMPLES);
    }

    /** The query with each variable replaced by its value in {@code values}; unknown variables stay. */
    static String substitute(final String query, final Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(query);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String sample = values.get(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(sample != null ? sample : matcher.group()));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
