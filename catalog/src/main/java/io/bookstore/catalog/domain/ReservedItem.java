package io.bookstore.catalog.domain;

/** Copies of one book held for an order. */
public record ReservedItem(String isbn, int qty) {
}
