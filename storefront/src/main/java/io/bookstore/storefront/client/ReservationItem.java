package io.bookstore.storefront.client;

/** Copies of one book held for an order. */
public record ReservationItem(String isbn, int qty) {
}
