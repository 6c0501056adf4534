package io.bookstore.storefront.client;

/** One book recommendations suggests; what {@code score} counts depends on {@code reason}. */
public record Recommendation(String isbn, long score, String reason) {
}
