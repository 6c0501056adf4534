package io.bookstore.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The collector has no binary here, so its configuration is checked the way the
 * collector wires it: each check also runs on a broken variant to show it can fail.
 */
class CollectorConfigTest {

    private static final String FILE = "collector/otel-collector.yaml";

    @Test
    void pipelinesAreWiredWithMemoryLimiterFirstAndMetricsFromUnsampledTraces() {
        assertThat(CollectorChecks.problems(ObservabilityFiles.yaml(FILE))).isEmpty();
    }

    @Test
    void samplingAndEnrichmentFollowThePolicy() {
        assertThat(CollectorChecks.policy(ObservabilityFiles.yaml(FILE))).isEmpty();
    }

    @Test
    void anUndefinedComponentIsCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        pipeline(config, "logs").withArray("exporters").add("otlp/jaeger");
        pipeline(config, "traces").withArray("processors").add("k8sattributes");

        assertThat(CollectorChecks.problems(config))
                .containsExactlyInAnyOrder("logs: exporter otlp/jaeger is not defined", "traces: processor k8sattributes is not defined");
    }

    @Test
    void aProcessorBeforeMemoryLimiterIsCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        ArrayNode processors = pipeline(config, "logs").withArray("processors");
        processors.remove(0);
        processors.add("memory_limiter");

        assertThat(CollectorChecks.problems(config)).containsExactly("logs: memory_limiter is not the first processor");
    }

    @Test
    void aConnectorUsedOnOneSideOnlyIsCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        ArrayNode receivers = pipeline(config, "metrics/traces").withArray("receivers");
        receivers.removeAll();
        receivers.add("spanmetrics");

        assertThat(CollectorChecks.problems(config)).singleElement().asString().startsWith("connector servicegraph");
    }

    @Test
    void spanMetricsFromSampledTracesAreCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        ArrayNode processors = pipeline(config, "traces").withArray("processors");
        processors.add("tail_sampling");

        assertThat(CollectorChecks.problems(config)).contains(
                "spanmetrics is fed by traces, which carries tail-sampled traces",
                "servicegraph is fed by traces, which carries tail-sampled traces");
    }

    @Test
    void tracesSentToTempoUnsampledAreCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        pipeline(config, "traces/sampled").withArray("processors").removeAll().add("memory_limiter").add("batch");

        assertThat(CollectorChecks.problems(config)).containsExactly("no tail-sampled pipeline exports to otlp/tempo");
    }

    @Test
    void aSamplingPolicyThatDropsErrorsIsCaught() {
        ObjectNode config = ObservabilityFiles.mutableYaml(FILE);
        ArrayNode policies = ((ObjectNode) config.path("processors").path("tail_sampling")).withArray("policies");
        policies.remove(0);
        ((ObjectNode) policies.get(0).path("latency")).put("threshold_ms", 1000);

        assertThat(CollectorChecks.policy(config)).containsExactly(
                "tail_sampling: no policy keeps every error trace",
                "tail_sampling: no policy keeps every trace slower than 500 ms");
    }

    private static ObjectNode pipeline(final ObjectNode config, final String name) {
        return (ObjectNode) config.path("service").path("pipelines").path(name);
    }
}
