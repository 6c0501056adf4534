package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.bookstore.contracts.Spans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus started as documented (prometheus/prometheus.args): it loads the
 * configuration and evaluates every rule, accepts the collector's remote writes, keeps
 * their exemplars (the trace ids Grafana links to Tempo), and relabels Kubernetes pods
 * as prometheus-kubernetes.yml says.
 */
class PrometheusServerTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static Tool prometheus;

    @TempDir
    Path temp;

    private Process server;
    private Path log;

    @BeforeAll
    static void prometheus() {
        prometheus = Tool.require("prometheus");
    }

    @AfterEach
    void stop() {
        Servers.stop(server);
    }

    @Test
    void startsWithTheDocumentedFlagsAndEvaluatesEveryRule() throws Exception {
        String url = start("prometheus.yml", documentedFlags());

        JsonNode flags = data(Servers.get(url + "/api/v1/status/flags"));
        assertThat(flags.path("storage.tsdb.retention.time").asText()).isEqualTo("15d");
        assertThat(flags.path("web.enable-remote-write-receiver").asText()).isEqualTo("true");
        assertThat(flags.path("enable-feature").asText()).contains("exemplar-storage");

        // The first evaluation happens within one evaluation interval (15 s).
        String rules = Servers.await(url + "/api/v1/rules", body -> !body.contains("\"health\":\"unknown\""),
                Duration.ofSeconds(60), server, log);
        Set<String> groups = new LinkedHashSet<>();
        List<String> unhealthy = new ArrayList<>();
        int count = 0;
        for (JsonNode group : ObservabilityFiles.JSON.readTree(rules).path("data").path("groups")) {
            groups.add(group.path("name").asText());
            for (JsonNode rule : group.path("rules")) {
                count++;
                if (!"ok".equals(rule.path("health").asText())) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("lastError").asText());
                }
            }
        }
        assertThat(unhealthy).isEmpty();
        assertThat(count).isEqualTo(Rules.recordedNames().size() + Rules.alerts().size());
        assertThat(groups).contains("checkout-availability-sli", "checkout-availability-slo", "services", "payments");
    }

    @Test
    void remoteWriteReceiverStoresTheCollectorsSamplesWithTheirTraceIdExemplars() throws Exception {
        String url = start("prometheus.yml", documentedFlags());
        long now = System.currentTimeMillis();

        HttpResponse<String> write = remoteWrite(url, now);

        assertThat(write.statusCode()).as(write.body()).isEqualTo(204);
        String query = "traces_spanmetrics_calls_total{service=\"storefront\"}";
        JsonNode result = data(Servers.get(url + "/api/v1/query?query=" + encode(query) + "&time=" + now / 1000.0))
                .path("result");
        assertThat(result).hasSize(1);
        assertThat(result.get(0).path("value").get(1).asText()).isEqualTo("42");
        JsonNode exemplars = data(Servers.get(url + "/api/v1/query_exemplars?query=" + encode(query)
                + "&start=" + (now / 1000 - 60) + "&end=" + (now / 1000 + 60)));
        assertThat(exemplars.findValuesAsText("trace_id")).containsExactly(TRACE_ID);
    }

    /** The same write to a Prometheus started without the documented flags is refused: the flag matters. */
    @Test
    void withoutTheDocumentedFlagsRemoteWritesAreRefused() {
        String url = start("prometheus.yml", List.of());

        HttpResponse<String> write = remoteWrite(url, System.currentTimeMillis());

        assertThat(write.statusCode()).as(write.body()).isEqualTo(404);
    }

    /**
     * Debian's Prometheus is built without Kubernetes discovery, so the pods come from a
     * file carrying the labels Kubernetes discovery would set; the relabeling under test
     * is the file's own.
     */
    @Test
    void kubernetesConfigScrapesAnnotatedRunningPodsWithServiceRegionAndPath() throws Exception {
        Path prometheusDir = ObservabilityFiles.copyConfiguration(temp.resolve("config")).resolve("prometheus");
        ObjectNode config = (ObjectNode) ObservabilityFiles.yaml(prometheusDir.resolve("prometheus-kubernetes.yml"));
        ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0);
        JsonNode discovery = job.remove("kubernetes_sd_configs");
        assertThat(discovery.get(0).path("role").asText()).isEqualTo("pod");
        assertThat(discovery.get(0).path("namespaces").path("names")).containsExactly(
                ObservabilityFiles.JSON.getNodeFactory().textNode("bookstore"));
        job.putArray("file_sd_configs").addObject().putArray("files").add("pods.json");
        ObservabilityFiles.writeYaml(prometheusDir.resolve("prometheus-kubernetes.yml"), config);
        ArrayNode pods = ObservabilityFiles.JSON.createArrayNode();
        pods.add(pod("orders-7d9f-abcde", "Running", "orders", "true", "8082", "/q/metrics"));
        pods.add(pod("postgres-0", "Running", "postgres", null, null, null));
        pods.add(pod("migrate-orders-x1", "Succeeded", "orders", "true", "8082", "/q/metrics"));
        ObservabilityFiles.write(prometheusDir.resolve("pods.json"), ObservabilityFiles.JSON.writeValueAsString(pods));

        String url = start(prometheusDir, "prometheus-kubernetes.yml", documentedFlags());
        String body = Servers.await(url + "/api/v1/targets?state=any",
                b -> b.contains("orders-7d9f-abcde") && b.contains("migrate-orders-x1"), Duration.ofSeconds(30), server, log);

        JsonNode targets = ObservabilityFiles.JSON.readTree(body).path("data");
        List<JsonNode> bookstore = new ArrayList<>();
        targets.path("activeTargets").forEach(t -> {
            if ("bookstore".equals(t.path("labels").path("job").asText())) {
                bookstore.add(t);
            }
        });
        assertThat(bookstore).hasSize(1);
        JsonNode orders = bookstore.get(0);
        assertThat(orders.path("scrapeUrl").asText()).isEqualTo("http://192.0.2.10:8082/q/metrics");
        Map<String, String> labels = Rules.strings(orders.path("labels"));
        assertThat(labels).containsEntry("service", "orders").containsEntry("region", "eu-west-1")
                .containsEntry("environment", "prod").containsEntry("namespace", "bookstore")
                .containsEntry("pod", "orders-7d9f-abcde").containsEntry("instance", "192.0.2.10:8082");
        assertThat(targets.path("droppedTargets").findValuesAsText("__meta_kubernetes_pod_name"))
                .containsExactlyInAnyOrder("postgres-0", "migrate-orders-x1");
    }

    private static ObjectNode pod(final String name, final String phase, final String app, final String scrape,
                                  final String port, final String path) {
        ObjectNode pod = ObservabilityFiles.JSON.createObjectNode();
        // The address of the container port Kubernetes discovery reports, not the metrics port.
        pod.putArray("targets").add("192.0.2.10:5005");
        ObjectNode labels = pod.putObject("labels");
        labels.put("__meta_kubernetes_namespace", "bookstore");
        labels.put("__meta_kubernetes_pod_name", name);
        labels.put("__meta_kubernetes_pod_phase", phase);
        labels.put("__meta_kubernetes_pod_label_app_kubernetes_io_name", app);
        if (scrape != null) {
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_scrape", scrape);
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_port", port);
            labels.put("__meta_kubernetes_pod_annotation_prometheus_io_path", path);
        }
        return pod;
    }

    private static List<String> documentedFlags() {
        List<String> flags = new ArrayList<>();
        for (String line : ObservabilityFiles.read("prometheus/prometheus.args").split("\n")) {
            if (!line.isBlank()) {
                flags.add(line.strip());
            }
        }
        return flags;
    }

    private String start(final String configFile, final List<String> flags) {
        return start(ObservabilityFiles.copyConfiguration(temp.resolve("config")).resolve("prometheus"), configFile, flags);
    }

    private String start(final Path prometheusDir, final String configFile, final List<String> flags) {
        int port = Servers.freePort();
        log = temp.resolve("prometheus.log");
        List<String> args = new ArrayList<>(flags);
        args.add("--config.file=" + prometheusDir.resolve(configFile));
        args.add("--storage.tsdb.path=" + temp.resolve("data"));
        args.add("--web.listen-address=127.0.0.1:" + port);
        server = prometheus.start(prometheusDir, log, args);
        String url = "http://127.0.0.1:" + port;
        Servers.await(url + "/-/ready", body -> true, Duration.ofSeconds(60), server, log);
        return url;
    }

    private static HttpResponse<String> remoteWrite(final String url, final long now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("__name__", "traces_spanmetrics_calls_total");
        labels.put("service", "storefront");
        labels.put("span_name", Spans.CHECKOUT);
        return Servers.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/write"))
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        RemoteWrite.request(labels, 42, now, Map.of("trace_id", TRACE_ID))))
                .build());
    }

    private static JsonNode data(final HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ObservabilityFiles.JSON.readTree(response.body()).path("data");
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
