package io.bookstore.storefront.client;

import java.util.List;

/** The answer of recommendations' {@code GET /recommendations}. */
public record Recommendations(String isbn, List<Recommendation> recommendations) {
}
