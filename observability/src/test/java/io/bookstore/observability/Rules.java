package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The recording and alerting rules of prometheus/rules, as Prometheus loads them. */
final class Rules {

    record Alert(Path file, String name, String expr, Map<String, String> labels, Map<String, String> annotations) {
    }

    private Rules() {
    }

    static List<Path> files() {
        return ObservabilityFiles.list("prometheus/rules", ".yml");
    }

    static List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (Path file : files()) {
            for (JsonNode rule : rules(file)) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(file, rule.get("alert").asText(), rule.get("expr").asText(),
                            strings(rule.get("labels")), strings(rule.get("annotations"))));
                }
            }
        }
        return alerts;
    }

    static Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Path file : files()) {
            for (JsonNode rule : rules(file)) {
                if (rule.has("record")) {
                    names.add(rule.get("record").asText());
                }
            }
        }
        return names;
    }

    /** Every expression of every rule, keyed by where it is. */
    static Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (Path file : files()) {
            for (JsonNode rule : rules(file)) {
                String name = rule.has("alert") ? rule.get("alert").asText() : rule.get("record").asText();
                expressions.put(file.getFileName() + " " + name + " #" + expressions.size(), rule.get("expr").asText());
            }
        }
        return expressions;
    }

    private static List<JsonNode> rules(final Path file) {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : ObservabilityFiles.yaml(file).path("groups")) {
            group.path("rules").forEach(rules::add);
        }
        return rules;
    }

    static Map<String, String> strings(final JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }
}
