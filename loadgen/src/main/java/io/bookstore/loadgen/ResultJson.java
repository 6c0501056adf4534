package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Map;

/** result.json: the table's figures, the percentile series behind the plot, and what is needed to compare runs. */
final class ResultJson {

    /** Percentile steps per halving of the distance to 100%, as HdrHistogram's own percentile output. */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    static String render(RunResult run) {
        try {
            return JSON.writeValueAsString(tree(run));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode tree(RunResult run) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", run.scenario());
        root.put("label", run.label().orElse(null));
        root.put("started_at", run.startedAt().toString());
        ArrayNode command = root.putArray("command_line");
        run.commandLine().forEach(command::add);
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os_name", System.getProperty("os.name"));
        machine.put("os_version", System.getProperty("os.version"));
        machine.put("os_arch", System.getProperty("os.arch"));
        machine.put("java_version", System.getProperty("java.version"));
        machine.put("java_vm", System.getProperty("java.vm.name"));
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        ObjectNode options = root.putObject("options");
        run.options().forEach(options::put);
        ArrayNode notices = root.putArray("notices");
        run.notices().forEach(notices::add);
        root.put("latency_unit", "ms, from the scheduled send time (open loop); warm-up excluded");
        ArrayNode steps = root.putArray("steps");
        for (StepResult step : run.steps()) {
            steps.add(step(step));
        }
        return root;
    }

    private static ObjectNode step(StepResult step) {
        ObjectNode node = JSON.createObjectNode();
        node.put("step", step.number());
        node.put("rate_asked", step.rate());
        node.put("warmup_s", Durations.seconds(step.warmup()));
        node.put("duration_s", Durations.seconds(step.duration()));
        ObjectNode schedule = node.putObject("schedule");
        schedule.put("sent", step.schedule().sent());
        schedule.put("measured_sent", step.schedule().measuredSent());
        number(schedule, "max_send_lag_ms", step.schedule().maxLagMillis());
        number(schedule, "p99_send_lag_ms", step.schedule().p99LagMillis());
        ArrayNode measures = node.putArray("measures");
        for (MeasureResult measure : step.measures()) {
            measures.add(measure(measure));
        }
        step.publishLag().ifPresentOrElse(lag -> {
            ObjectNode publish = node.putObject("publish_lag");
            publish.put("source", "bucket-derived (linear interpolation) from outbox-publisher's " + MetricsScraper.PUBLISH_LAG
                    + ", all tenants and event types, measured window start to end of step");
            publish.put("count", lag.count());
            number(publish, "p50_ms", lag.p50Seconds() * 1_000);
            number(publish, "p99_ms", lag.p99Seconds() * 1_000);
            publish.put("counter_reset", lag.counterReset());
        }, () -> node.putNull("publish_lag"));
        ArrayNode notes = node.putArray("notes");
        step.notes().forEach(notes::add);
        node.set("details", JSON.valueToTree(step.details()));
        return node;
    }

    private static ObjectNode measure(MeasureResult measure) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", measure.name());
        node.put("count", measure.count());
        number(node, "achieved_per_s", measure.achievedPerSecond());
        node.put("error_count", measure.errorCount());
        ObjectNode errors = node.putObject("errors");
        measure.errors().forEach(errors::put);
        latencies(node, measure.measured());
        node.set("percentiles", percentiles(measure.measured()));
        ObjectNode warmup = node.putObject("warmup");
        warmup.put("count", measure.warmup().getTotalCount());
        latencies(warmup, measure.warmup());
        return node;
    }

    private static void latencies(ObjectNode node, Histogram histogram) {
        boolean empty = histogram.getTotalCount() == 0;
        for (Map.Entry<String, Double> percentile : Map.of("p50_ms", 50.0, "p90_ms", 90.0, "p99_ms", 99.0, "p99_9_ms", 99.9)
                .entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            number(node, percentile.getKey(), empty ? Double.NaN : histogram.getValueAtPercentile(percentile.getValue()) / 1_000.0);
        }
        number(node, "max_ms", empty ? Double.NaN : histogram.getMaxValue() / 1_000.0);
        number(node, "mean_ms", empty ? Double.NaN : histogram.getMean() / 1_000.0);
    }

    /** HdrHistogram's percentile distribution: [{percentile, ms, count}], percentile 0..100. */
    static ArrayNode percentiles(Histogram histogram) {
        ArrayNode series = JSON.createArrayNode();
        if (histogram.getTotalCount() == 0) {
            return series;
        }
        for (HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            ObjectNode point = series.addObject();
            point.put("percentile", value.getPercentileLevelIteratedTo());
            point.put("ms", value.getValueIteratedTo() / 1_000.0);
            point.put("count", value.getTotalCountToThisValue());
        }
        return series;
    }

    /** JSON has no NaN: a missing figure is null. */
    private static void number(ObjectNode node, String name, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(value * 1_000) / 1_000.0);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
