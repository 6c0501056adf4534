package io.bookstore.storefront.domain;

import java.util.List;

/** The books to show next to {@code isbn}, best first. */
public record RecommendedBooks(String isbn, List<RecommendedBook> recommendations) {
}
