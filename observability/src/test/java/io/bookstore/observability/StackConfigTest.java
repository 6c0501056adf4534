package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tempo, Loki and Grafana have no binary here: their files are checked against each
 * other, the collector, Prometheus' flags and the services' settings, and each check
 * is shown failing on a broken variant.
 */
class StackConfigTest {

    @Test
    void endpointsPortsLinksAndRetentionsAgree() {
        assertThat(StackChecks.problems(StackChecks.Stack.load())).isEmpty();
    }

    @Test
    void lokiAndTempoAreConfiguredForOtlp() {
        assertThat(StackChecks.backends(StackChecks.Stack.load())).isEmpty();
    }

    @Test
    void aTempoReceiverOnAnotherPortIsCaught() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        JsonNode tempo = stack.tempo().deepCopy();
        ((ObjectNode) tempo.path("distributor").path("receivers").path("otlp").path("protocols").path("grpc"))
                .put("endpoint", "0.0.0.0:4417");

        assertThat(StackChecks.problems(with(stack, tempo, stack.loki(), stack.datasources(), stack.prometheusFlags())))
                .containsExactly("collector otlp/tempo endpoint is tempo:4317, expected tempo:4417");
    }

    @Test
    void aLokiOnAnotherPortIsCaughtInTheCollectorAndInGrafana() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        JsonNode loki = stack.loki().deepCopy();
        ((ObjectNode) loki.path("server")).put("http_listen_port", 3101);

        assertThat(StackChecks.problems(with(stack, stack.tempo(), loki, stack.datasources(), stack.prometheusFlags())))
                .containsExactlyInAnyOrder(
                        "collector otlphttp/loki endpoint is http://loki:3100/otlp, expected http://loki:3101/otlp",
                        "Grafana loki url is http://loki:3100, expected http://loki:3101");
    }

    @Test
    void aPrometheusWithoutTheReceiverOrWithShorterRetentionIsCaught() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        List<String> flags = new ArrayList<>(stack.prometheusFlags());
        flags.remove("--web.enable-remote-write-receiver");
        flags.replaceAll(f -> f.replace("=15d", "=7d"));

        assertThat(StackChecks.problems(with(stack, stack.tempo(), stack.loki(), stack.datasources(), flags)))
                .containsExactlyInAnyOrder(
                        "Prometheus runs without --web.enable-remote-write-receiver: the collector's span metrics are refused",
                        "Prometheus retention is not 15d in prometheus.args");
    }

    @Test
    void aServiceExportingElsewhereIsCaught() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        Map<String, URI> endpoints = new LinkedHashMap<>(stack.serviceOtlpEndpoints());
        endpoints.put("orders", URI.create("http://localhost:55680"));
        StackChecks.Stack broken = new StackChecks.Stack(stack.collector(), stack.tempo(), stack.loki(),
                stack.datasources(), stack.prometheusFlags(), endpoints);

        assertThat(StackChecks.problems(broken)).singleElement().asString().startsWith("orders exports OTLP to http://localhost:55680");
    }

    @Test
    void brokenDatasourceLinksAreCaught() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        JsonNode datasources = stack.datasources().deepCopy();
        for (JsonNode datasource : datasources.path("datasources")) {
            ObjectNode jsonData = (ObjectNode) datasource.path("jsonData");
            switch (datasource.path("uid").asText()) {
                case "prometheus" -> jsonData.remove("exemplarTraceIdDestinations");
                case "tempo" -> ((ObjectNode) jsonData.path("tracesToLogsV2")).put("filterByTraceID", false);
                case "loki" -> jsonData.remove("derivedFields");
                default -> throw new IllegalStateException(datasource.toString());
            }
        }

        assertThat(StackChecks.problems(with(stack, stack.tempo(), stack.loki(), datasources, stack.prometheusFlags())))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("Prometheus exemplars"))
                .anySatisfy(p -> assertThat(p).startsWith("Tempo spans do not link"))
                .anySatisfy(p -> assertThat(p).startsWith("Loki lines do not link"));
    }

    @Test
    void aLokiWithoutTheTenantLabelOrATempoGeneratingMetricsIsCaught() {
        StackChecks.Stack stack = StackChecks.Stack.load();
        JsonNode loki = stack.loki().deepCopy();
        ((ObjectNode) loki.path("limits_config")).remove("otlp_config");
        JsonNode tempo = stack.tempo().deepCopy();
        ((ObjectNode) tempo).putObject("metrics_generator").putObject("storage").put("path", "/var/tempo/generator");

        assertThat(StackChecks.backends(with(stack, tempo, loki, stack.datasources(), stack.prometheusFlags())))
                .containsExactlyInAnyOrder("Loki does not index the tenant resource attribute",
                        "Tempo's metrics generator is configured: it would count sampled traces only");
    }

    private static StackChecks.Stack with(final StackChecks.Stack stack, final JsonNode tempo, final JsonNode loki,
                                          final JsonNode datasources, final List<String> flags) {
        return new StackChecks.Stack(stack.collector(), tempo, loki, datasources, flags, stack.serviceOtlpEndpoints());
    }
}
