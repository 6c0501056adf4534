package io.bookstore.observability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses PromQL with Prometheus' own parser: each expression becomes a recording rule of
 * a throwaway rule file, and {@code promtool check rules} parses every rule's expression.
 */
final class PromqlCheck {

    private PromqlCheck() {
    }

    /** Runs the check; a failure's message names each expression by where it came from. */
    static Outcome parse(final Tool promtool, final Path workDir, final Map<String, String> expressionsByOrigin) {
        ObjectNode file = ObservabilityFiles.YAML.createObjectNode();
        ObjectNode group = file.putArray("groups").addObject();
        group.put("name", "parse-check");
        ArrayNode rules = group.putArray("rules");
        List<String> origins = new ArrayList<>();
        expressionsByOrigin.forEach((origin, expression) -> {
            ObjectNode rule = rules.addObject();
            rule.put("record", "parse_check:expression_" + origins.size());
            rule.put("expr", expression);
            origins.add(origin);
        });
        Path rulesFile = workDir.resolve("parse-check.yml");
        ObservabilityFiles.writeYaml(rulesFile, file);
        Tool.Result result = promtool.run(workDir, "check", "rules", rulesFile.toString());
        StringBuilder legend = new StringBuilder();
        for (int i = 0; i < origins.size(); i++) {
            legend.append("parse_check:expression_").append(i).append(" = ").append(origins.get(i)).append('\n');
        }
        return new Outcome(result, legend.toString());
    }

    record Outcome(Tool.Result result, String legend) {

        boolean parsed() {
            return result.succeeded();
        }

        @Override
        public String toString() {
            return result + "\n" + legend;
        }
    }
}
