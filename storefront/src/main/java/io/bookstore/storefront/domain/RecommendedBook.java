package io.bookstore.storefront.domain;

/** A recommendation with what a shopper needs to see about the book. */
public record RecommendedBook(String isbn, String title, String author, long priceCents, String currency, long score,
        String reason) {
}
