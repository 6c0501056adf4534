package io.bookstore.devstack;

import io.bookstore.testkit.ReceivedSpan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The spans the stack receives: each batch goes to the {@link SpanFile} and into memory, where the
 * latest traces are kept so that a look-up does not read a file of up to 256 MB. Memory is bounded:
 * past {@code maxTraces} traces or {@code maxSpans} spans, the trace whose first span came first is
 * dropped first. The file is read only for a trace memory does not hold and the file may: one of an
 * earlier run of the stack, or a dropped one; and once per trace it does not hold, since any span
 * of that trace still to come comes here too (a page polling for a new trace reads it once).
 */
final class RecentTraces {

    static final int MAX_TRACES = 5_000;
    /** A paid checkout makes about 28 spans; this bounds the memory a few far longer traces could take. */
    static final int MAX_SPANS = 150_000;
    private static final int MAX_NOT_IN_FILE = 1_000;

    private final SpanFile file;
    private final int maxTraces;
    private final int maxSpans;
    /** By the arrival of each trace's first span. */
    private final LinkedHashMap<String, List<ReceivedSpan>> traces = new LinkedHashMap<>();
    private int spans;
    private boolean fileHoldsMore;
    private final Set<String> notInFile = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_NOT_IN_FILE;
        }
    });

    RecentTraces(SpanFile file, int maxTraces, int maxSpans) {
        this.file = file;
        this.maxTraces = maxTraces;
        this.maxSpans = maxSpans;
        this.fileHoldsMore = file.holdsSpans();
    }

    /** The OTLP sink's listener, called on its threads. */
    void append(List<ReceivedSpan> batch) {
        file.append(batch);
        remember(batch);
    }

    /** Every span of one trace received so far; empty when none was. */
    List<ReceivedSpan> trace(String traceId) {
        List<ReceivedSpan> recent = inMemory(traceId);
        if (!recent.isEmpty() || !mayBeInFileOnly(traceId)) {
            return recent;
        }
        List<ReceivedSpan> earlier = file.trace(traceId);
        return earlier.isEmpty() ? notInFile(traceId) : earlier;
    }

    synchronized int tracesInMemory() {
        return traces.size();
    }

    synchronized List<ReceivedSpan> inMemory(String traceId) {
        return List.copyOf(traces.getOrDefault(traceId, List.of()));
    }

    private synchronized boolean mayBeInFileOnly(String traceId) {
        return fileHoldsMore && !notInFile.contains(traceId);
    }

    /** Unless its first spans arrived while the file was read: they are in memory then. */
    private synchronized List<ReceivedSpan> notInFile(String traceId) {
        List<ReceivedSpan> arrived = traces.getOrDefault(traceId, List.of());
        if (arrived.isEmpty()) {
            notInFile.add(traceId);
        }
        return List.copyOf(arrived);
    }

    private synchronized void remember(List<ReceivedSpan> batch) {
        for (ReceivedSpan span : batch) {
            traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
            notInFile.remove(span.traceId());
            spans++;
        }
        // The newest trace stays, however long: it is the one most likely asked for.
        Iterator<Map.Entry<String, List<ReceivedSpan>>> eldest = traces.entrySet().iterator();
        while (traces.size() > maxTraces || (spans > maxSpans && traces.size() > 1)) {
            spans -= eldest.next().getValue().size();
            eldest.remove();
            fileHoldsMore = true;
        }
    }
}
