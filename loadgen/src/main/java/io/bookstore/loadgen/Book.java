package io.bookstore.loadgen;

/** A book the storefront sells, as far as a checkout needs it. */
record Book(String isbn, long priceCents, String currency) {
}
