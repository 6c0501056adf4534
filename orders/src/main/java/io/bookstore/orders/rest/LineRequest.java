package io.bookstore.orders.rest;

import io.bookstore.kit.http.Copies;
import io.bookstore.kit.http.ValidIsbn;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One line of {@code POST /orders}: the price is the catalog price in minor units of the
 * order's currency. {@code currency} is optional and, when present, must be the order's.
 */
public record LineRequest(
        @NotNull(message = "is required")
        @ValidIsbn
        String isbn,

        @Copies
        Integer qty,

        @NotNull(message = "is required")
        @Min(value = 0, message = "must be between 0 and " + MAX_UNIT_PRICE_CENTS)
        @Max(value = MAX_UNIT_PRICE_CENTS, message = "must be between 0 and " + MAX_UNIT_PRICE_CENTS)
        Long unitPriceCents,

        @Pattern(regexp = CreateOrderRequest.CURRENCY, message = "must be an ISO 4217 code of three upper-case letters")
        String currency) {

    public static final long MAX_UNIT_PRICE_CENTS = 10_000_000;
}
