package io.bookstore.devstack;

import io.bookstore.loadgen.ChaosLoad;

import java.util.List;
import java.util.Locale;

/**
 * The chaos run's timeline: per second of the load, checkouts sent, accepted and refused
 * (4xx, 5xx, no answer), by the time they were answered; each fault a shaded band from its
 * start to its healing, numbered and named in the legend.
 */
final class TimelineSvg {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 640;
    private static final double LEFT = 70;
    private static final double RIGHT = 880;
    private static final double TOP = 80;
    private static final double BOTTOM = 560;
    private static final String[] FAULT_COLOURS = {"#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e"};

    private TimelineSvg() {
    }

    private enum Line {
        SENT("sent", "#7f7f7f", "4 3"),
        ACCEPTED("accepted (2xx)", "#2ca02c", ""),
        REFUSED_4XX("refused 4xx", "#ff7f0e", ""),
        REFUSED_5XX("refused 5xx", "#d62728", ""),
        NO_ANSWER("no answer", "#000000", "2 2");

        final String label;
        final String colour;
        final String dash;

        Line(String label, String colour, String dash) {
            this.label = label;
            this.colour = colour;
            this.dash = dash;
        }
    }

    static String render(ChaosLoad.Result load, List<FaultInjector.Injected> faults, ChaosRun.Settings settings) {
        int seconds = (int) Math.max(1, Math.max(settings.duration().toSeconds(),
                load.checkouts().stream().mapToLong(ChaosLoad.Checkout::answeredAtMillis).max().orElse(0) / 1000 + 1));
        long[][] counts = new long[Line.values().length][seconds];
        for (ChaosLoad.Checkout checkout : load.checkouts()) {
            counts[Line.SENT.ordinal()][bucket(checkout.sentAtMillis(), seconds)]++;
            Line line = switch (checkout.answer()) {
                case ACCEPTED -> Line.ACCEPTED;
                case REFUSED_4XX -> Line.REFUSED_4XX;
                case REFUSED_5XX -> Line.REFUSED_5XX;
                case NO_ANSWER -> Line.NO_ANSWER;
            };
            counts[line.ordinal()][bucket(checkout.answeredAtMillis(), seconds)]++;
        }
        long max = 1;
        for (long[] series : counts) {
            for (long count : series) {
                max = Math.max(max, count);
            }
        }
        long yMax = niceCeiling(max);
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(text(LEFT, 34, "start", 20, "#222222", "bold", String.format(Locale.ROOT,
                "Chaos run: %s checkouts/s for %d s, seed %d", rate(settings.rate()), settings.duration().toSeconds(), settings.seed())));
        svg.append(text(LEFT, 58, "start", 13, "#666666", "normal",
                "checkouts per second by the second they were answered (sent: by their due time); bands: faults, start to healed"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fafafa\"/>%n",
                LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
        for (int i = 0; i < faults.size(); i++) {
            FaultInjector.Injected fault = faults.get(i);
            double from = x(fault.atMillis() / 1000.0, seconds);
            double to = Math.max(from + 2, x(fault.healedAtMillis() / 1000.0, seconds));
            String colour = FAULT_COLOURS[i % FAULT_COLOURS.length];
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\""
                    + " fill-opacity=\"%s\"><title>%s</title></rect>%n", from, TOP, to - from, BOTTOM - TOP, colour,
                    fault.done() ? "0.18" : "0.05", escape(fault.kind().title + " " + fault.note())));
            svg.append(text(from + 2, TOP + 14 + (i % 3) * 14, "start", 11, colour, "bold", Integer.toString(i + 1)));
        }
        for (int k = 0; k <= 5; k++) {
            double value = yMax * k / 5.0;
            double py = y(value, yMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    LEFT, py, RIGHT, py));
            svg.append(text(LEFT - 8, py + 4, "end", 12, "#444444", "normal", String.format(Locale.ROOT, "%.0f", value)));
        }
        int step = seconds <= 60 ? 10 : seconds <= 300 ? 30 : 60;
        for (int s = 0; s <= seconds; s += step) {
            double px = x(s, seconds);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n",
                    px, TOP, px, BOTTOM));
            svg.append(text(px, BOTTOM + 18, "middle", 12, "#444444", "normal", s + " s"));
        }
        svg.append(text((LEFT + RIGHT) / 2, BOTTOM + 42, "middle", 13, "#222222", "normal", "seconds since the load started"));
        svg.append(text(22, (TOP + BOTTOM) / 2, "middle", 13, "#222222", "normal", "checkouts per second", true));
        for (Line line : Line.values()) {
            StringBuilder points = new StringBuilder();
            for (int s = 0; s < seconds; s++) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s + 0.5, seconds), y(counts[line.ordinal()][s], yMax)));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s points=\"%s\"/>%n",
                    line.colour, line.dash.isEmpty() ? "" : " stroke-dasharray=\"" + line.dash + "\"", points.toString().strip()));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#444444\"/>%n",
                LEFT, TOP, RIGHT - LEFT, BOTTOM - TOP));
        double legendY = TOP + 6;
        for (Line line : Line.values()) {
            long total = 0;
            for (long count : counts[line.ordinal()]) {
                total += count;
            }
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    RIGHT + 20, legendY, RIGHT + 46, legendY, line.colour,
                    line.dash.isEmpty() ? "" : " stroke-dasharray=\"" + line.dash + "\""));
            svg.append(text(RIGHT + 52, legendY + 4, "start", 12, "#222222", "normal", line.label + " (" + total + ")"));
            legendY += 18;
        }
        legendY += 10;
        for (int i = 0; i < faults.size(); i++) {
            FaultInjector.Injected fault = faults.get(i);
            svg.append(text(RIGHT + 20, legendY + 4, "start", 11, FAULT_COLOURS[i % FAULT_COLOURS.length], "normal",
                    String.format(Locale.ROOT, "%d  %.0f s  %s%s", i + 1, fault.atMillis() / 1000.0, fault.kind().title,
                            fault.done() ? "" : " (skipped)")));
            legendY += 16;
        }
        return svg.append("</svg>\n").toString();
    }

    private static int bucket(long millis, int seconds) {
        return (int) Math.max(0, Math.min(seconds - 1, millis / 1000));
    }

    private static double x(double second, int seconds) {
        return LEFT + (RIGHT - LEFT) * Math.max(0, Math.min(second, seconds)) / seconds;
    }

    private static double y(double value, long yMax) {
        return BOTTOM - (BOTTOM - TOP) * value / yMax;
    }

    private static long niceCeiling(long max) {
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(max)));
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (factor * magnitude >= max) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String rate(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    private static String text(double x, double y, String anchor, int size, String colour, String weight, String content) {
        return text(x, y, anchor, size, colour, weight, content, false);
    }

    private static String text(double x, double y, String anchor, int size, String colour, String weight, String content, boolean vertical) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\" font-weight=\"%s\"%s>%s</text>%n",
                x, y, anchor, size, colour, weight, vertical ? String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y) : "",
                escape(content));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
