package io.bookstore.recommendations.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What one paid order tells recommendations: the copies sold of each distinct book, ISBNs
 * as 13 digits in ascending order. Every write derived from it follows that order, so two
 * transactions touching the same books lock their rows in the same order and never deadlock.
 */
public record Purchase(UUID eventId, String eventType, String tenant, UUID orderId, SortedMap<String, Long> copiesByIsbn) {

    public Purchase {
        if (copiesByIsbn.isEmpty()) {
            throw new IllegalArgumentException("a purchase holds at least one book");
        }
        copiesByIsbn = new TreeMap<>(copiesByIsbn);
    }

    /** Every ordered pair of two different books of the order, sorted by the first book, then the second. */
    public List<Map.Entry<String, String>> pairs() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String isbn : copiesByIsbn.keySet()) {
            for (String other : copiesByIsbn.keySet()) {
                if (!isbn.equals(other)) {
                    pairs.add(Map.entry(isbn, other));
                }
            }
        }
        return pairs;
    }
}
