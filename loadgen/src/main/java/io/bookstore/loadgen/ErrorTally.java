package io.bookstore.loadgen;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures counted by kind (e.g. {@code HTTP 409 urn:bookstore:problem:insufficient-stock}, {@code timeout}). */
final class ErrorTally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String kind) {
        add(kind, 1);
    }

    void add(String kind, long n) {
        if (n > 0) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
        }
    }

    /** Most frequent first. */
    Map<String, Long> snapshot() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }
}
