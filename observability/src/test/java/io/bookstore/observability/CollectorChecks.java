package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The collector configuration's wiring, checked as the collector would at start-up and
 * beyond: what it does not check is whether span metrics come from sampled traces.
 */
final class CollectorChecks {

    private static final Set<String> UNSAMPLED_CONSUMERS = Set.of("spanmetrics", "servicegraph");

    private CollectorChecks() {
    }

    static List<String> problems(final JsonNode config) {
        List<String> problems = new ArrayList<>();
        JsonNode pipelines = config.path("service").path("pipelines");
        Set<String> connectors = names(config.path("connectors"));
        Map<String, Set<String>> connectorExporters = new LinkedHashMap<>();
        Map<String, Set<String>> connectorReceivers = new LinkedHashMap<>();
        connectors.forEach(c -> {
            connectorExporters.put(c, new LinkedHashSet<>());
            connectorReceivers.put(c, new LinkedHashSet<>());
        });

        pipelines.fields().forEachRemaining(entry -> {
            String pipeline = entry.getKey();
            JsonNode p = entry.getValue();
            for (String receiver : list(p.path("receivers"))) {
                if (connectors.contains(receiver)) {
                    connectorReceivers.get(receiver).add(pipeline);
                } else if (!config.path("receivers").has(receiver)) {
                    problems.add(pipeline + ": receiver " + receiver + " is not defined");
                }
            }
            for (String processor : list(p.path("processors"))) {
                if (!config.path("processors").has(processor)) {
                    problems.add(pipeline + ": processor " + processor + " is not defined");
                }
            }
            for (String exporter : list(p.path("exporters"))) {
                if (connectors.contains(exporter)) {
                    connectorExporters.get(exporter).add(pipeline);
                } else if (!config.path("exporters").has(exporter)) {
                    problems.add(pipeline + ": exporter " + exporter + " is not defined");
                }
            }
            List<String> processors = list(p.path("processors"));
            if (processors.isEmpty() || !type(processors.get(0)).equals("memory_limiter")) {
                problems.add(pipeline + ": memory_limiter is not the first processor");
            }
        });
        for (String extension : list(config.path("service").path("extensions"))) {
            if (!config.path("extensions").has(extension)) {
                problems.add("extension " + extension + " is not defined");
            }
        }
        for (String connector : connectors) {
            if (connectorExporters.get(connector).isEmpty() || connectorReceivers.get(connector).isEmpty()) {
                problems.add("connector " + connector + " must be an exporter of one pipeline and a receiver of another; exported by "
                        + connectorExporters.get(connector) + ", received by " + connectorReceivers.get(connector));
            }
        }
        Set<String> sampled = sampledPipelines(pipelines, connectors);
        pipelines.fields().forEachRemaining(entry -> {
            for (String exporter : list(entry.getValue().path("exporters"))) {
                if (UNSAMPLED_CONSUMERS.contains(type(exporter)) && sampled.contains(entry.getKey())) {
                    problems.add(exporter + " is fed by " + entry.getKey() + ", which carries tail-sampled traces");
                }
            }
        });
        boolean tempoSampled = false;
        for (String pipeline : sampled) {
            for (String exporter : list(pipelines.path(pipeline).path("exporters"))) {
                tempoSampled |= exporter.equals("otlp/tempo");
            }
        }
        if (!tempoSampled) {
            problems.add("no tail-sampled pipeline exports to otlp/tempo");
        }
        return problems;
    }

    /**
     * The sampling and enrichment policy: every error and every trace over 500 ms
     * kept, a probabilistic share of the rest capped in spans per second; environment
     * and region upserted on traces and logs; the tenant regrouped for Loki.
     */
    static List<String> policy(final JsonNode config) {
        List<String> problems = new ArrayList<>();
        JsonNode policies = config.path("processors").path("tail_sampling").path("policies");
        boolean errors = false;
        boolean slow = false;
        boolean cappedShare = false;
        for (JsonNode policy : policies) {
            switch (policy.path("type").asText()) {
                case "status_code" -> errors |= list(policy.path("status_code").path("status_codes")).contains("ERROR");
                case "latency" -> slow |= policy.path("latency").path("threshold_ms").asInt() == 500;
                case "and" -> {
                    Set<String> types = new LinkedHashSet<>();
                    policy.path("and").path("and_sub_policy").forEach(sub -> types.add(sub.path("type").asText()));
                    cappedShare |= types.containsAll(Set.of("probabilistic", "rate_limiting"));
                }
                default -> problems.add("tail_sampling: unexpected policy " + policy.path("name").asText());
            }
        }
        if (!errors) {
            problems.add("tail_sampling: no policy keeps every error trace");
        }
        if (!slow) {
            problems.add("tail_sampling: no policy keeps every trace slower than 500 ms");
        }
        if (!cappedShare) {
            problems.add("tail_sampling: no probabilistic share capped by a rate limit");
        }
        Map<String, String> upserts = new LinkedHashMap<>();
        for (JsonNode attribute : config.path("processors").path("resource/platform").path("attributes")) {
            upserts.put(attribute.path("key").asText(), attribute.path("action").asText());
        }
        for (String key : List.of("deployment.environment", "cloud.region")) {
            if (!"upsert".equals(upserts.get(key)) && !"insert".equals(upserts.get(key))) {
                problems.add("resource/platform does not add " + key);
            }
        }
        JsonNode pipelines = config.path("service").path("pipelines");
        for (String pipeline : List.of("traces", "logs")) {
            if (!list(pipelines.path(pipeline).path("processors")).contains("resource/platform")) {
                problems.add(pipeline + ": resource/platform is not applied");
            }
        }
        if (!list(config.path("processors").path("groupbyattrs/tenant").path("keys")).contains("tenant")
                || !list(pipelines.path("logs").path("processors")).contains("groupbyattrs/tenant")) {
            problems.add("logs: the tenant is not made a resource attribute for Loki's index");
        }
        return problems;
    }

    /** Pipelines with tail sampling, and those fed by them through connectors, to a fixed point. */
    private static Set<String> sampledPipelines(final JsonNode pipelines, final Set<String> connectors) {
        Set<String> sampled = new LinkedHashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            var fields = pipelines.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (sampled.contains(entry.getKey())) {
                    continue;
                }
                boolean isSampled = list(entry.getValue().path("processors")).stream()
                        .anyMatch(p -> type(p).equals("tail_sampling"));
                for (String receiver : list(entry.getValue().path("receivers"))) {
                    if (connectors.contains(receiver)) {
                        for (String upstream : sampled) {
                            isSampled |= list(pipelines.path(upstream).path("exporters")).contains(receiver);
                        }
                    }
                }
                if (isSampled) {
                    sampled.add(entry.getKey());
                    changed = true;
                }
            }
        }
        return sampled;
    }

    /** The component type of a component id: {@code otlp} of {@code otlp/tempo}. */
    static String type(final String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    static List<String> list(final JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> names(final JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
