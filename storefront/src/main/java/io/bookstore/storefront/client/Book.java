package io.bookstore.storefront.client;

/** A book as catalog sells it: the ISBN as printed, the price in minor units of {@code currency}. */
public record Book(String isbn, String title, String author, long priceCents, String currency, int stock) {
}
