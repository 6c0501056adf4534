package io.bookstore.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The spans of one trace as a tree: its roots, the spans whose parent never arrived, and a waterfall. */
public final class TraceTree {

    private final List<ReceivedSpan> spans;
    private final Map<String, ReceivedSpan> byId;

    private TraceTree(List<ReceivedSpan> spans) {
        this.spans = spans.stream().sorted(Comparator.comparingLong(ReceivedSpan::startEpochNanos)).toList();
        this.byId = spans.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));
    }

    public static TraceTree of(List<ReceivedSpan> spans) {
        return new TraceTree(spans);
    }

    public List<ReceivedSpan> roots() {
        return spans.stream().filter(ReceivedSpan::isRoot).toList();
    }

    /** Spans whose parent id names no span received: a hole in the tree. */
    public List<ReceivedSpan> orphans() {
        return spans.stream().filter(span -> !span.isRoot() && !byId.containsKey(span.parentSpanId())).toList();
    }

    public Set<String> services() {
        return spans.stream().map(ReceivedSpan::service).collect(Collectors.toSet());
    }

    public ReceivedSpan parentOf(ReceivedSpan span) {
        return byId.get(span.parentSpanId());
    }

    /** One line per span, indented under its parent: service, name, kind, duration. */
    public String render() {
        StringBuilder out = new StringBuilder();
        List<ReceivedSpan> tops = new ArrayList<>(roots());
        tops.addAll(orphans());
        for (ReceivedSpan top : tops) {
            render(top, 0, out);
        }
        return out.toString();
    }

    private void render(ReceivedSpan span, int depth, StringBuilder out) {
        out.append("  ".repeat(depth))
                .append(span.service()).append(" | ").append(span.name())
                .append(" | kind ").append(span.kind())
                .append(" | ").append(span.durationNanos() / 1_000_000.0).append(" ms")
                .append(span.isRoot() || byId.containsKey(span.parentSpanId()) ? "" : " | parent missing: " + span.parentSpanId())
                .append('\n');
        spans.stream().filter(child -> child.parentSpanId().equals(span.spanId()))
                .forEach(child -> render(child, depth + 1, out));
    }
}
