package io.bookstore.storefront.domain;

/** One book of a checkout and how many copies. */
public record CheckoutItem(String isbn, int qty) {
}
