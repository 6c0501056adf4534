package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReportTest {

    @TempDir
    Path out;

    @Test
    void resultJsonHoldsTheTableFiguresMachineCommandAndPercentileSeries() {
        JsonNode json = ResultJson.read(ResultJson.render(run(2)));

        assertThat(json.path("scenario").asText()).isEqualTo("checkout");
        assertThat(json.path("command_line").get(0).asText()).isEqualTo("loadgen");
        assertThat(json.path("machine").path("cores").asInt()).isPositive();
        assertThat(json.path("machine").path("os_name").asText()).isNotBlank();
        assertThat(json.path("machine").path("java_version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(Instant.parse(json.path("started_at").asText())).isEqualTo(Instant.parse("2025-03-01T10:15:30Z"));
        assertThat(json.path("steps")).hasSize(2);

        JsonNode step = json.path("steps").get(1);
        assertThat(step.path("rate_asked").asDouble()).isEqualTo(100);
        assertThat(step.path("schedule").path("sent").asLong()).isEqualTo(4_000);
        assertThat(step.path("publish_lag").path("p99_ms").asDouble()).isEqualTo(80.0);
        assertThat(step.path("publish_lag").path("source").asText()).contains("bucket-derived");
        JsonNode checkout = step.path("measures").get(0);
        assertThat(checkout.path("name").asText()).isEqualTo("checkout");
        assertThat(checkout.path("count").asLong()).isEqualTo(3_000);
        assertThat(checkout.path("errors").path("timeout").asLong()).isEqualTo(4);
        assertThat(checkout.path("error_count").asLong()).isEqualTo(4);
        for (String field : List.of("p50_ms", "p90_ms", "p99_ms", "p99_9_ms", "max_ms")) {
            assertThat(checkout.path(field).isNumber()).as(field).isTrue();
        }
        assertThat(checkout.path("p50_ms").asDouble()).isLessThanOrEqualTo(checkout.path("p99_ms").asDouble());
        assertThat(checkout.path("warmup").path("count").asLong()).isEqualTo(500);

        JsonNode series = checkout.path("percentiles");
        assertThat(series.size()).isGreaterThan(20);
        double previousPercentile = -1;
        double previousMs = -1;
        for (JsonNode point : series) {
            assertThat(point.path("percentile").asDouble()).isGreaterThanOrEqualTo(previousPercentile);
            assertThat(point.path("ms").asDouble()).isGreaterThanOrEqualTo(previousMs);
            previousPercentile = point.path("percentile").asDouble();
            previousMs = point.path("ms").asDouble();
        }
        assertThat(previousPercentile).isEqualTo(100.0);
        assertThat(previousMs).isCloseTo(checkout.path("max_ms").asDouble(), within(0.5));

        // A measure without values has no percentiles: null, never NaN (which JSON cannot carry).
        JsonNode empty = step.path("measures").get(2);
        assertThat(empty.path("count").asLong()).isZero();
        assertThat(empty.path("p99_ms").isNull()).isTrue();
    }

    @Test
    void theTableHasARowPerStepAndMeasureInMilliseconds() {
        String table = Report.table("checkout", run(2).steps());

        List<String> rows = table.lines().filter(line -> line.startsWith("checkout ")).toList();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0)).contains("checkout").contains(" 50 ").contains("3000").contains("4");
        assertThat(rows.get(4)).contains("checkout→paid").contains(" 100 ");
        assertThat(table).contains("p50 ms").contains("p99.9 ms").contains("max ms")
                .contains("errors of checkout: timeout ×4")
                .contains("publish lag (bucket-derived").contains("p99 ≈ 80.00 ms")
                .contains("at most 1.50 ms behind schedule");
    }

    @Test
    void theSvgIsWellFormedWithALineAndALegendEntryPerSeries() throws Exception {
        Main.write(run(2), out);
        String svg = Files.readString(out.resolve("latency.svg"));

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        NodeList lines = document.getElementsByTagName("polyline");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            names.add(line.getElementsByTagName("title").item(0).getTextContent());
            assertThat(line.getAttribute("points").split(" ").length).isGreaterThan(10);
        }
        // Four series with values (the empty payment_failed measures draw nothing).
        assertThat(names).containsExactly("50/s  checkout", "50/s  checkout→paid", "100/s  checkout", "100/s  checkout→paid");
        List<String> texts = new ArrayList<>();
        NodeList textNodes = document.getElementsByTagName("text");
        for (int i = 0; i < textNodes.getLength(); i++) {
            texts.add(textNodes.item(i).getTextContent());
        }
        assertThat(texts).contains("0%", "90%", "99%", "99.9%", "50/s  checkout", "100/s  checkout→paid",
                        "50/s  publisher lag p50, p99", "bucket-derived: p50 12.00  p99 80.00")
                .anyMatch(text -> text.startsWith("checkout latency by percentile — 2025-03-01"))
                .anyMatch(text -> text.startsWith("latency (ms"))
                .anyMatch(text -> text.startsWith("percentile"));
        assertThat(Files.exists(out.resolve("result.json"))).isTrue();
    }

    @Test
    void percentileLabelsFollowTheDecades() {
        assertThat(LatencySvg.percentileLabel(0)).isEqualTo("0%");
        assertThat(LatencySvg.percentileLabel(1)).isEqualTo("90%");
        assertThat(LatencySvg.percentileLabel(2)).isEqualTo("99%");
        assertThat(LatencySvg.percentileLabel(4)).isEqualTo("99.99%");
        assertThat(LatencySvg.x(99.9)).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void anEmptyRunStillDrawsAPlotThatSaysSo() throws Exception {
        RunResult empty = new RunResult("outbox", Optional.of("timer"), List.of("loadgen", "outbox"), Instant.now(), Map.of(),
                List.of(), List.of());
        String svg = LatencySvg.render(empty);

        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(svg).contains("no latencies were recorded").contains("outbox (timer) latency by percentile");
    }

    /** Two steps with synthetic, log-normal-ish latencies: what a checkout run produces, without the run. */
    static RunResult run(int stepCount) {
        Random random = new Random(5);
        List<StepResult> steps = new ArrayList<>();
        for (int s = 0; s < stepCount; s++) {
            double rate = 50 * (s + 1);
            Histogram lag = new Histogram(3_600_000_000L, 3);
            lag.recordValue(1_500);
            OpenLoop.ScheduleStats schedule = new OpenLoop.ScheduleStats(2_000L * (s + 1), 1_500L * (s + 1), lag);
            List<MeasureResult> measures = List.of(
                    new MeasureResult("checkout", histogram(random, 3_000, 8, s), histogram(random, 500, 8, s), rate * 0.99,
                            Map.of("timeout", 4L)),
                    new MeasureResult("checkout→paid", histogram(random, 2_700, 120, s), histogram(random, 450, 120, s), rate * 0.9,
                            Map.of()),
                    new MeasureResult("checkout→payment_failed", LatencyRecorder.newHistogram(), LatencyRecorder.newHistogram(), 0,
                            Map.of()));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("paid", 2_700L);
            steps.add(new StepResult(s + 1, rate, Duration.ofSeconds(10), Duration.ofSeconds(30), schedule, measures,
                    Optional.of(new BucketQuantiles.Estimate(3_000, 0.012, 0.080, false)), List.of("a note"), details));
        }
        return new RunResult("checkout", Optional.empty(), List.of("loadgen", "checkout", "--rates", "50,100"),
                Instant.parse("2025-03-01T10:15:30Z"), Map.of("url", "http://127.0.0.1:8080"), List.of("restocked"), steps);
    }

    private static Histogram histogram(Random random, int count, double medianMillis, int step) {
        Histogram histogram = LatencyRecorder.newHistogram();
        for (int i = 0; i < count; i++) {
            double millis = medianMillis * (1 + step * 0.5) * Math.exp(random.nextGaussian() * 0.6);
            histogram.recordValue(Math.max(1, Math.round(millis * 1_000)));
        }
        return histogram;
    }
}
