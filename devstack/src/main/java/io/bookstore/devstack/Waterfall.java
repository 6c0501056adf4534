package io.bookstore.devstack;

import io.bookstore.testkit.ReceivedSpan;
import io.bookstore.testkit.TraceTree;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One trace as a terminal waterfall: a bar per span on the trace's time line, its duration,
 * service, name (indented under its parent) and the parent's name.
 */
final class Waterfall {

    private static final int BAR_WIDTH = 40;
    private static final String[] KINDS = {"", "internal", "server", "client", "producer", "consumer"};

    private final TraceTree tree;
    private final List<ReceivedSpan> spans;
    private final long start;
    private final long end;

    private Waterfall(List<ReceivedSpan> spans) {
        this.tree = TraceTree.of(spans);
        this.spans = spans.stream().sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos)).toList();
        this.start = spans.stream().mapToLong(ReceivedSpan::startEpochNanos).min().orElse(0);
        this.end = spans.stream().mapToLong(ReceivedSpan::endEpochNanos).max().orElse(0);
    }

    static String render(String traceId, List<ReceivedSpan> spans) {
        if (spans.isEmpty()) {
            return "trace " + traceId + ": no spans received (yet)\n";
        }
        return new Waterfall(spans).render(traceId);
    }

    private String render(String traceId) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "trace %s: %d spans, %d services, %s%n", traceId, spans.size(),
                tree.services().size(), millis(end - start)));
        if (tree.roots().size() != 1 || !tree.orphans().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  (%d roots, %d spans whose parent was not received)%n",
                    tree.roots().size(), tree.orphans().size()));
        }
        out.append(String.format(Locale.ROOT, "%-" + (BAR_WIDTH + 2) + "s %10s  %-18s %-58s %s%n",
                "", "duration", "service", "span", "parent"));
        List<ReceivedSpan> tops = new ArrayList<>(tree.roots());
        tops.addAll(tree.orphans());
        for (ReceivedSpan top : tops) {
            line(top, 0, out);
        }
        return out.toString();
    }

    private void line(ReceivedSpan span, int depth, StringBuilder out) {
        ReceivedSpan parent = tree.parentOf(span);
        String name = "  ".repeat(depth) + span.name() + " (" + kind(span) + ")"
                + (span.statusCode() == ReceivedSpan.STATUS_ERROR ? " ERROR" : "");
        out.append(String.format(Locale.ROOT, "|%s| %10s  %-18s %-58s %s%n",
                bar(span), millis(span.durationNanos()), span.service(), name,
                parent != null ? parent.service() + ": " + parent.name() : span.isRoot() ? "-" : "missing " + span.parentSpanId()));
        spans.stream().filter(child -> child.parentSpanId().equals(span.spanId()))
                .forEach(child -> line(child, depth + 1, out));
    }

    private String bar(ReceivedSpan span) {
        double total = Math.max(1, end - start);
        int from = (int) Math.min(BAR_WIDTH - 1, Math.floor((span.startEpochNanos() - start) / total * BAR_WIDTH));
        int to = (int) Math.max(from + 1, Math.min(BAR_WIDTH, Math.ceil((span.endEpochNanos() - start) / total * BAR_WIDTH)));
        return " ".repeat(from) + "#".repeat(to - from) + " ".repeat(BAR_WIDTH - to);
    }

    private static String kind(ReceivedSpan span) {
        return span.kind() > 0 && span.kind() < KINDS.length ? KINDS[span.kind()] : "unspecified";
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0);
    }
}
