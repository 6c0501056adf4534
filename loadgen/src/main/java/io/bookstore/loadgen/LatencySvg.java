package io.bookstore.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * latency.svg: latency by percentile, the HdrHistogram way. The x axis is
 * log10(1 / (1 - p)), so 90%, 99%, 99.9% and 99.99% are equally far apart and the tail
 * gets the room it deserves; the y axis is linear, or logarithmic when the series span
 * more than two orders of magnitude. Written by hand: a few lines and some text.
 */
final class LatencySvg {

    /** One line of the plot: its legend text and its points. */
    record Series(String name, List<Point> points, long count, double p99Millis, double maxMillis) {
    }

    /** {@code x} = log10(1 / (1 - percentile/100)). */
    record Point(double x, double millis) {
    }

    /** Two bucket-derived percentiles (p50, p99) of the publisher's lag histogram: markers, not a line. */
    record Marker(String name, double p50Millis, double p99Millis, String colour) {
    }

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 660;
    private static final double LEFT = 90;
    private static final double RIGHT = 790;
    private static final double TOP = 92;
    private static final double BOTTOM = 570;
    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};
    private static final String[] DASHES = {"", "9 4", "2 3", "12 4 2 4"};
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LatencySvg() {
    }

    static String render(RunResult run) {
        List<Series> series = new ArrayList<>();
        List<String> colours = new ArrayList<>();
        List<String> dashes = new ArrayList<>();
        List<Marker> markers = new ArrayList<>();
        boolean oneStep = run.steps().size() == 1;
        for (int s = 0; s < run.steps().size(); s++) {
            StepResult step = run.steps().get(s);
            String stepColour = oneStep ? "#444444" : COLOURS[s % COLOURS.length];
            step.publishLag().ifPresent(lag -> markers.add(new Marker(Report.rate(step.rate()) + "/s  publisher lag p50, p99",
                    lag.p50Seconds() * 1_000, lag.p99Seconds() * 1_000, stepColour)));
            for (int m = 0; m < step.measures().size(); m++) {
                MeasureResult measure = step.measures().get(m);
                if (measure.count() == 0) {
                    continue;
                }
                series.add(series(Report.rate(step.rate()) + "/s  " + measure.name(), measure.measured()));
                // One step: a colour per measure. Several: a colour per step and a dash per measure, so steps read as groups.
                colours.add(COLOURS[(oneStep ? m : s) % COLOURS.length]);
                dashes.add(oneStep ? "" : DASHES[m % DASHES.length]);
            }
        }
        String subtitle = "open loop: latency from the scheduled send time, so queueing is not hidden; warm-up excluded";
        return render(run.title() + " latency by percentile — " + DATE.format(run.startedAt()), subtitle, series, colours, dashes,
                markers);
    }

    static Series series(String name, Histogram histogram) {
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue value : histogram.percentiles(ResultJson.TICKS_PER_HALF_DISTANCE)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break;
            }
            points.add(new Point(x(percentile), value.getValueIteratedTo() / 1_000.0));
        }
        double max = histogram.getMaxValue() / 1_000.0;
        return new Series(name, points, histogram.getTotalCount(), histogram.getValueAtPercentile(99) / 1_000.0, max);
    }

    static double x(double percentile) {
        return Math.log10(1 / (1 - percentile / 100));
    }

    static String render(String title, String subtitle, List<Series> series, List<String> colours, List<String> dashes,
            List<Marker> markers) {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(text(LEFT, 38, "start", 20, "#222222", "bold", title));
        svg.append(text(LEFT, 62, "start", 13, "#666666", "normal", subtitle));
        if (series.isEmpty()) {
            svg.append(text((LEFT + RIGHT) / 2, (TOP + BOTTOM) / 2, "middle", 16, "#666666", "normal", "no latencies were recorded"));
            return svg.append("</svg>\n").toString();
        }
        int decades = decades(series);
        YScale y = YScale.of(series, markers);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fafafa\" stroke=\"none\"/>%n",
                LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
        xAxis(svg, decades);
        yAxis(svg, y);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444444\"/>%n",
                LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
        svg.append(String.format(Locale.ROOT, "<clipPath id=\"plot\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/></clipPath>%n",
                LEFT, TOP - 2, RIGHT - LEFT, BOTTOM - TOP + 4));
        for (int i = 0; i < series.size(); i++) {
            line(svg, series.get(i), decades, y, colours.get(i), dashes.get(i));
        }
        for (Marker marker : markers) {
            marker(svg, px(x(50), decades), y.py(marker.p50Millis()), marker.colour());
            marker(svg, px(x(99), decades), y.py(marker.p99Millis()), marker.colour());
        }
        legend(svg, series, colours, dashes, markers);
        return svg.append("</svg>\n").toString();
    }

    /**
     * Decades on the x axis: as far as the largest series has values to show (n values
     * resolve percentiles up to 1 - 1/n), from 2 to 5, i.e. 99% to 99.999%.
     */
    private static int decades(List<Series> series) {
        long count = series.stream().mapToLong(Series::count).max().orElse(100);
        return (int) Math.max(2, Math.min(5, Math.ceil(Math.log10(count) - 1e-9)));
    }

    private static double px(double x, int decades) {
        return LEFT + (RIGHT - LEFT) * Math.min(x, decades) / decades;
    }

    private static void xAxis(StringBuilder svg, int decades) {
        for (int k = 0; k <= decades; k++) {
            double at = px(k, decades);
            grid(svg, at, TOP, at, BOTTOM);
            svg.append(text(at, BOTTOM + 22, "middle", 13, "#333333", "normal", percentileLabel(k)));
        }
        double median = px(x(50), decades);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\" stroke-dasharray=\"3 3\"/>%n",
                median, TOP, median, BOTTOM));
        svg.append(text(median, BOTTOM + 22, "middle", 11, "#888888", "normal", "50%"));
        svg.append(text((LEFT + RIGHT) / 2, BOTTOM + 52, "middle", 14, "#333333", "normal",
                "percentile (log scale of 1/(1−p): each gridline is ten times rarer)"));
    }

    static String percentileLabel(int decade) {
        if (decade == 0) {
            return "0%";
        }
        if (decade == 1) {
            return "90%";
        }
        return "99" + (decade == 2 ? "" : "." + "9".repeat(decade - 2)) + "%";
    }

    private static void yAxis(StringBuilder svg, YScale y) {
        for (double tick : y.ticks()) {
            double at = y.py(tick);
            grid(svg, LEFT, at, RIGHT, at);
            svg.append(text(LEFT - 8, at + 4, "end", 12, "#333333", "normal", tickLabel(tick)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"14\" fill=\"#333333\""
                        + " transform=\"rotate(-90 %.1f %.1f)\">%s</text>%n", 28.0, (TOP + BOTTOM) / 2, 28.0, (TOP + BOTTOM) / 2,
                escape(y.log() ? "latency (ms, log scale)" : "latency (ms)")));
    }

    private static String tickLabel(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", ms);
        }
        if (ms >= 1) {
            return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
        }
        return new BigDecimal(ms).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder svg, Series series, int decades, YScale y, String colour, String dash) {
        StringBuilder points = new StringBuilder();
        for (Point point : series.points()) {
            if (point.x() > decades) {
                break;
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(point.x(), decades), y.py(point.millis())));
        }
        // The maximum sits at the right edge: a percentile of 100% has no place on this axis.
        points.append(String.format(Locale.ROOT, "%.1f,%.1f", px(decades, decades), y.py(series.maxMillis())));
        svg.append(String.format(Locale.ROOT, "<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.2\""
                        + " stroke-linejoin=\"round\"%s points=\"%s\">%n  <title>%s</title>%n</polyline>%n",
                colour, dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"", points, escape(series.name())));
    }

    private static void marker(StringBuilder svg, double x, double y, String colour) {
        svg.append(String.format(Locale.ROOT, "<path d=\"M %.1f %.1f l 6 6 l -6 6 l -6 -6 z\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                x, y - 6, colour));
    }

    private static void legend(StringBuilder svg, List<Series> series, List<String> colours, List<String> dashes, List<Marker> markers) {
        double x = RIGHT + 24;
        double y = TOP + 6;
        int entries = series.size() + markers.size();
        // Many steps: closer rows, and the figures under each name give way to the names.
        double rowHeight = Math.min(38, (HEIGHT - TOP - 30) / Math.max(1, entries));
        boolean figures = rowHeight >= 30;
        svg.append(text(x, y, "start", 13, "#333333", "bold", figures ? "series (p99 / max, ms)" : "series"));
        for (int i = 0; i < series.size(); i++) {
            double row = y + 24 + i * rowHeight;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"%s/>%n",
                    x, row - 4, x + 30, row - 4, colours.get(i), dashes.get(i).isEmpty() ? "" : " stroke-dasharray=\"" + dashes.get(i) + "\""));
            svg.append(text(x + 38, row, "start", 13, "#222222", "normal", series.get(i).name()));
            if (figures) {
                svg.append(text(x + 38, row + 16, "start", 11, "#777777", "normal",
                        "p99 " + Report.ms(series.get(i).p99Millis()) + "  max " + Report.ms(series.get(i).maxMillis())));
            }
        }
        for (int i = 0; i < markers.size(); i++) {
            double row = y + 24 + (series.size() + i) * rowHeight;
            marker(svg, x + 15, row - 4, markers.get(i).colour());
            svg.append(text(x + 38, row, "start", 13, "#222222", "normal", markers.get(i).name()));
            if (figures) {
                svg.append(text(x + 38, row + 16, "start", 11, "#777777", "normal", "bucket-derived: p50 "
                        + Report.ms(markers.get(i).p50Millis()) + "  p99 " + Report.ms(markers.get(i).p99Millis())));
            }
        }
    }

    private static void grid(StringBuilder svg, double x1, double y1, double x2, double y2) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>%n", x1, y1, x2, y2));
    }

    private static String text(double x, double y, String anchor, int size, String colour, String weight, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\" font-weight=\"%s\">%s</text>%n",
                x, y, anchor, size, colour, weight, escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The y axis: linear from 0, or log between whole decades. */
    private record YScale(boolean log, double low, double high, List<Double> ticks) {

        static YScale of(List<Series> series, List<Marker> markers) {
            double max = Math.max(series.stream().mapToDouble(Series::maxMillis).max().orElse(1),
                    markers.stream().mapToDouble(Marker::p99Millis).max().orElse(0));
            double min = Math.min(series.stream().flatMap(s -> s.points().stream()).mapToDouble(Point::millis)
                    .filter(v -> v > 0).min().orElse(max), markers.stream().mapToDouble(Marker::p50Millis).filter(v -> v > 0).min().orElse(max));
            max = Math.max(max, 0.001);
            if (max / Math.max(min, 0.001) > 100) {
                // Bounds on the 1-2-5 ladder just around the data, so no decade of the plot stays empty.
                List<Double> ladder = new ArrayList<>();
                for (int exponent = -3; exponent <= 7; exponent++) {
                    for (double factor : new double[] {1, 2, 5}) {
                        ladder.add(factor * Math.pow(10, exponent));
                    }
                }
                double floor = Math.max(min, 0.001);
                double low = ladder.stream().filter(v -> v <= floor * 1.0001).reduce((a, b) -> b).orElse(0.001);
                double ceiling = max;
                double high = ladder.stream().filter(v -> v >= ceiling * 0.9999).findFirst().orElse(ceiling);
                List<Double> ticks = ladder.stream().filter(v -> v >= low * 0.9999 && v <= high * 1.0001).toList();
                return new YScale(true, low, high, ticks);
            }
            double step = niceStep(max / 6);
            double high = Math.ceil(max * 1.04 / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i * step <= high * 1.0001; i++) {
                ticks.add(i * step);
            }
            return new YScale(false, 0, high, ticks);
        }

        private static double niceStep(double rough) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double fraction = rough / magnitude;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        double py(double millis) {
            double share = log
                    ? (Math.log10(Math.max(millis, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                    : millis / high;
            return BOTTOM - (BOTTOM - TOP) * share;
        }
    }
}
