package io.bookstore.recommendations.rest;

import io.bookstore.recommendations.domain.Recommendation;

import java.util.List;

/** The answer to {@code GET /recommendations}: the ISBN as the client spelled it, and the books to show. */
public record RecommendationsResponse(String isbn, List<Recommendation> recommendations) {
}
