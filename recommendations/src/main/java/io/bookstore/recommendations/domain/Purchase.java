package io.bookstore.recommendations.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What one paid order tells recommendations: the copies sold of each distinct book, ISBNs
 * as 13 digits in ascending order. Every write derived from it follows that order, so two
 * transactions touching the same books lock their rows in the same order and never deadlock.
 */
public record Purchase(UUID eventId, String eventType, String tenant, UUID orderId, SortedMap<String, Long> copiesByIsbn) {

    /**
     * The most books of one order that count as bought together. Pairs grow with the square
     * of the basket (an order may hold 50 books: 2,450 ordered pairs, one upsert each), and a
     * basket that large says little about which two books go together.
     */
    public static final int MAX_CO_PURCHASED_BOOKS = 10;

    public Purchase {
        if (copiesByIsbn.isEmpty()) {
            throw new IllegalArgumentException("a purchase holds at least one book");
        }
        copiesByIsbn = new TreeMap<>(copiesByIsbn);
    }

    /**
     * Every ordered pair of two different books of the order, sorted by the first book, then
     * the second; of a basket of more than {@link #MAX_CO_PURCHASED_BOOKS} books, only the pairs
     * among the books bought in most copies (ties: the lower ISBN), so a redelivered event
     * picks the same ones.
     */
    public List<Map.Entry<String, String>> pairs() {
        SortedSet<String> books = coPurchasedBooks();
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String isbn : books) {
            for (String other : books) {
                if (!isbn.equals(other)) {
                    pairs.add(Map.entry(isbn, other));
                }
            }
        }
        return pairs;
    }

    private SortedSet<String> coPurchasedBooks() {
        if (copiesByIsbn.size() <= MAX_CO_PURCHASED_BOOKS) {
            return new TreeSet<>(copiesByIsbn.keySet());
        }
        return copiesByIsbn.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CO_PURCHASED_BOOKS)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
