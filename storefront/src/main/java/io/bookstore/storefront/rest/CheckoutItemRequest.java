package io.bookstore.storefront.rest;

import io.bookstore.kit.http.Copies;
import io.bookstore.kit.http.ValidIsbn;
import jakarta.validation.constraints.NotNull;

/** One item of {@code POST /api/v2/checkout}: a book and how many copies. */
public record CheckoutItemRequest(
        @NotNull(message = "is required")
        @ValidIsbn
        String isbn,

        @Copies
        Integer qty) {
}
