package io.bookstore.catalog.domain;

/** A book as sold: the ISBN as printed (hyphenated), its price in minor units and the copies in stock. */
public record Book(String isbn, String title, String author, long priceCents, String currency, int stock) {
}
