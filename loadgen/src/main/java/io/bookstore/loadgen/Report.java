package io.bookstore.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The stdout table: one row per step and measure, latencies in milliseconds from the scheduled send time. */
final class Report {

    private static final String ROW = "%-18s %4s  %-24s %8s %10s %8s %7s %9s %9s %9s %9s %9s%n";

    private Report() {
    }

    static String table(String scenario, List<StepResult> steps) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "scenario", "step", "measure", "asked/s", "achieved/s", "count", "errors",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        for (StepResult step : steps) {
            for (MeasureResult measure : step.measures()) {
                out.append(String.format(Locale.ROOT, ROW, scenario, step.number(), measure.name(), rate(step.rate()),
                        String.format(Locale.ROOT, "%.1f", measure.achievedPerSecond()), measure.count(), measure.errorCount(),
                        ms(measure.millisAt(50)), ms(measure.millisAt(90)), ms(measure.millisAt(99)),
                        ms(measure.millisAt(99.9)), ms(measure.maxMillis())));
            }
            for (String line : footnotes(step)) {
                out.append("    ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> footnotes(StepResult step) {
        List<String> lines = new ArrayList<>();
        for (MeasureResult measure : step.measures()) {
            if (!measure.errors().isEmpty()) {
                lines.add("errors of " + measure.name() + ": " + errors(measure.errors()));
            }
        }
        lines.addAll(step.notes());
        lines.add(step.publishLag()
                .map(lag -> String.format(Locale.ROOT, "publish lag (bucket-derived from outbox-publisher's %s, window start to end"
                                + " of step): p50 ≈ %s ms, p99 ≈ %s ms over %d events%s",
                        MetricsScraper.PUBLISH_LAG, ms(lag.p50Seconds() * 1_000), ms(lag.p99Seconds() * 1_000), lag.count(),
                        lag.counterReset() ? " (the publisher restarted during the step)" : ""))
                .orElse("publish lag: not available (no --metrics-url, or no events published in the window)"));
        lines.add(String.format(Locale.ROOT, "schedule: %d sent (%d measured), at most %s ms behind schedule (p99 %s ms)",
                step.schedule().sent(), step.schedule().measuredSent(), ms(step.schedule().maxLagMillis()),
                ms(step.schedule().p99LagMillis())));
        return lines;
    }

    static String errors(Map<String, Long> errors) {
        return errors.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    static String rate(double perSecond) {
        if (perSecond == Math.rint(perSecond) && perSecond < 1e9) {
            return Long.toString((long) perSecond);
        }
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** Milliseconds with two decimals, one from 100 ms up; "-" when there is no value. */
    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return String.format(Locale.ROOT, millis < 100 ? "%.2f" : "%.1f", millis);
    }
}
