package io.bookstore.storefront.rest;

import io.bookstore.contracts.OrderRules;
import io.bookstore.kit.http.ValidIsbn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** One item of {@code POST /api/v2/checkout}: a book and how many copies. */
public record CheckoutItemRequest(
        @NotNull(message = "is required")
        @ValidIsbn
        String isbn,

        @NotNull(message = "is required")
        @Min(value = 1, message = "must be between 1 and " + OrderRules.MAX_QTY)
        @Max(value = OrderRules.MAX_QTY, message = "must be between 1 and " + OrderRules.MAX_QTY)
        Integer qty) {
}
