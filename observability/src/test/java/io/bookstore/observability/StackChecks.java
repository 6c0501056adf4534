package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Agreement between the files: the collector sends where Tempo, Loki and Prometheus
 * listen, the services send where the collector listens, Grafana reads where they
 * listen, the datasources link to each other, and each pillar keeps its retention.
 */
final class StackChecks {

    /** The devstack's services send http/protobuf here (DESIGN.md, Observability). */
    static final int DEVSTACK_OTLP_HTTP_PORT = 4318;
    private static final int PROMETHEUS_DEFAULT_PORT = 9090;
    private static final List<String> TRACED_SERVICES =
            List.of("storefront", "catalog", "orders", "outbox-publisher", "payments-gateway", "recommendations");

    record Stack(JsonNode collector, JsonNode tempo, JsonNode loki, JsonNode datasources, List<String> prometheusFlags,
                 Map<String, URI> serviceOtlpEndpoints) {

        static Stack load() {
            List<String> flags = new ArrayList<>();
            for (String line : ObservabilityFiles.read("prometheus/prometheus.args").split("\n")) {
                if (!line.isBlank()) {
                    flags.add(line.strip());
                }
            }
            return new Stack(ObservabilityFiles.yaml("collector/otel-collector.yaml"),
                    ObservabilityFiles.yaml("tempo/tempo.yaml"),
                    ObservabilityFiles.yaml("loki/loki.yaml"),
                    ObservabilityFiles.yaml("grafana/provisioning/datasources/datasources.yaml"),
                    flags, readServiceOtlpEndpoints());
        }

        /** quarkus.otel.exporter.otlp.endpoint of each traced service, read from its application.properties. */
        private static Map<String, URI> readServiceOtlpEndpoints() {
            Map<String, URI> endpoints = new LinkedHashMap<>();
            for (String service : TRACED_SERVICES) {
                Path properties = ObservabilityFiles.ROOT.resolveSibling(service).resolve("src/main/resources/application.properties");
                Properties loaded = new Properties();
                try {
                    loaded.load(new StringReader(Files.readString(properties)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                endpoints.put(service, URI.create(loaded.getProperty("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317")));
            }
            return endpoints;
        }
    }

    private StackChecks() {
    }

    static List<String> problems(final Stack stack) {
        List<String> problems = new ArrayList<>();
        JsonNode collector = stack.collector();
        int collectorGrpc = port(collector.path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText());
        int collectorHttp = port(collector.path("receivers").path("otlp").path("protocols").path("http").path("endpoint").asText());
        stack.serviceOtlpEndpoints().forEach((service, endpoint) -> {
            if (endpoint.getPort() != collectorGrpc) {
                problems.add(service + " exports OTLP to " + endpoint + ", the collector's gRPC receiver listens on " + collectorGrpc);
            }
        });
        if (collectorHttp != DEVSTACK_OTLP_HTTP_PORT) {
            problems.add("the collector's OTLP/HTTP receiver listens on " + collectorHttp + ", the services send to "
                    + DEVSTACK_OTLP_HTTP_PORT);
        }

        JsonNode exporters = collector.path("exporters");
        int tempoGrpc = port(stack.tempo().path("distributor").path("receivers").path("otlp").path("protocols")
                .path("grpc").path("endpoint").asText());
        expect(problems, "collector otlp/tempo endpoint", exporters.path("otlp/tempo").path("endpoint").asText(),
                "tempo:" + tempoGrpc);
        int lokiHttp = stack.loki().path("server").path("http_listen_port").asInt();
        expect(problems, "collector otlphttp/loki endpoint", exporters.path("otlphttp/loki").path("endpoint").asText(),
                "http://loki:" + lokiHttp + "/otlp");
        int prometheusPort = prometheusPort(stack.prometheusFlags());
        expect(problems, "collector prometheusremotewrite endpoint",
                exporters.path("prometheusremotewrite").path("endpoint").asText(),
                "http://prometheus:" + prometheusPort + "/api/v1/write");
        if (!stack.prometheusFlags().contains("--web.enable-remote-write-receiver")) {
            problems.add("Prometheus runs without --web.enable-remote-write-receiver: the collector's span metrics are refused");
        }
        if (!stack.prometheusFlags().contains("--enable-feature=exemplar-storage")) {
            problems.add("Prometheus runs without --enable-feature=exemplar-storage: no exemplars, no metric-to-trace links");
        }

        Map<String, JsonNode> datasources = new LinkedHashMap<>();
        stack.datasources().path("datasources").forEach(d -> datasources.put(d.path("uid").asText(), d));
        if (!datasources.keySet().equals(Set.of("prometheus", "tempo", "loki"))) {
            problems.add("datasource uids " + datasources.keySet() + " are not exactly prometheus, tempo, loki");
        }
        int tempoHttp = stack.tempo().path("server").path("http_listen_port").asInt();
        expect(problems, "Grafana prometheus url", datasources.getOrDefault("prometheus", missing()).path("url").asText(),
                "http://prometheus:" + prometheusPort);
        expect(problems, "Grafana tempo url", datasources.getOrDefault("tempo", missing()).path("url").asText(),
                "http://tempo:" + tempoHttp);
        expect(problems, "Grafana loki url", datasources.getOrDefault("loki", missing()).path("url").asText(),
                "http://loki:" + lokiHttp);
        problems.addAll(links(datasources));

        expect(problems, "Tempo trace retention", stack.tempo().path("compactor").path("compaction").path("block_retention").asText(), "72h");
        expect(problems, "Loki log retention", stack.loki().path("limits_config").path("retention_period").asText(), "168h");
        if (!stack.loki().path("compactor").path("retention_enabled").asBoolean()) {
            problems.add("Loki's compactor does not apply the retention (retention_enabled)");
        }
        if (!stack.prometheusFlags().contains("--storage.tsdb.retention.time=15d")) {
            problems.add("Prometheus retention is not 15d in prometheus.args");
        }
        return problems;
    }

    /** Loki's OTLP mapping and Tempo's receivers as the issue asks. */
    static List<String> backends(final Stack stack) {
        List<String> problems = new ArrayList<>();
        JsonNode loki = stack.loki();
        if (!loki.path("limits_config").path("allow_structured_metadata").asBoolean()) {
            problems.add("Loki rejects OTLP logs without allow_structured_metadata");
        }
        List<String> indexed = CollectorChecks.list(loki.path("distributor").path("otlp_config")
                .path("default_resource_attributes_as_index_labels"));
        if (!indexed.contains("service.name")) {
            problems.add("Loki does not index service.name (service_name)");
        }
        boolean tenantIndexed = false;
        for (JsonNode rule : loki.path("limits_config").path("otlp_config").path("resource_attributes").path("attributes_config")) {
            tenantIndexed |= "index_label".equals(rule.path("action").asText())
                    && CollectorChecks.list(rule.path("attributes")).contains("tenant");
        }
        if (!tenantIndexed) {
            problems.add("Loki does not index the tenant resource attribute");
        }
        boolean v13 = false;
        for (JsonNode schema : loki.path("schema_config").path("configs")) {
            v13 |= "v13".equals(schema.path("schema").asText()) && "tsdb".equals(schema.path("store").asText());
        }
        if (!v13) {
            problems.add("Loki has no tsdb v13 schema, which structured metadata needs");
        }
        JsonNode tempo = stack.tempo();
        String tempoGrpc = tempo.path("distributor").path("receivers").path("otlp").path("protocols").path("grpc").path("endpoint").asText();
        if (!tempoGrpc.startsWith("0.0.0.0:")) {
            problems.add("Tempo's OTLP gRPC receiver listens on " + tempoGrpc + ", unreachable from the collector's pod");
        }
        if (tempo.has("metrics_generator") || tempo.path("overrides").path("defaults").has("metrics_generator")) {
            problems.add("Tempo's metrics generator is configured: it would count sampled traces only");
        }
        return problems;
    }

    private static List<String> links(final Map<String, JsonNode> datasources) {
        List<String> problems = new ArrayList<>();
        JsonNode prometheus = datasources.getOrDefault("prometheus", missing()).path("jsonData");
        boolean exemplars = false;
        for (JsonNode destination : prometheus.path("exemplarTraceIdDestinations")) {
            exemplars |= "trace_id".equals(destination.path("name").asText())
                    && "tempo".equals(destination.path("datasourceUid").asText());
        }
        if (!exemplars) {
            problems.add("Prometheus exemplars (trace_id) do not link to Tempo");
        }
        JsonNode tempo = datasources.getOrDefault("tempo", missing()).path("jsonData");
        JsonNode toLogs = tempo.path("tracesToLogsV2");
        boolean serviceTag = false;
        for (JsonNode tag : toLogs.path("tags")) {
            serviceTag |= "service.name".equals(tag.path("key").asText()) && "service_name".equals(tag.path("value").asText());
        }
        if (!"loki".equals(toLogs.path("datasourceUid").asText()) || !serviceTag || !toLogs.path("filterByTraceID").asBoolean()) {
            problems.add("Tempo spans do not link to their Loki logs (tracesToLogsV2: loki, service.name -> service_name, filterByTraceID)");
        }
        expect(problems, "Tempo tracesToMetrics datasource", tempo.path("tracesToMetrics").path("datasourceUid").asText(), "prometheus");
        expect(problems, "Tempo service map datasource", tempo.path("serviceMap").path("datasourceUid").asText(), "prometheus");
        if (!tempo.path("nodeGraph").path("enabled").asBoolean()) {
            problems.add("Tempo node graph is off");
        }
        boolean traceIdField = false;
        for (JsonNode field : datasources.getOrDefault("loki", missing()).path("jsonData").path("derivedFields")) {
            traceIdField |= "tempo".equals(field.path("datasourceUid").asText())
                    && "label".equals(field.path("matcherType").asText())
                    && "trace_id".equals(field.path("matcherRegex").asText());
        }
        if (!traceIdField) {
            problems.add("Loki lines do not link their trace_id to Tempo");
        }
        return problems;
    }

    private static int prometheusPort(final List<String> flags) {
        for (String flag : flags) {
            if (flag.startsWith("--web.listen-address=")) {
                return port(flag.substring(flag.indexOf('=') + 1));
            }
        }
        return PROMETHEUS_DEFAULT_PORT;
    }

    private static void expect(final List<String> problems, final String what, final String actual, final String expected) {
        if (!expected.equals(actual)) {
            problems.add(what + " is " + actual + ", expected " + expected);
        }
    }

    private static int port(final String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static JsonNode missing() {
        return ObservabilityFiles.JSON.missingNode();
    }
}
