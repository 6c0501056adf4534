package io.bookstore.catalog.rest;

import io.bookstore.catalog.domain.ReservedItem;
import io.bookstore.contracts.OrderRules;
import io.bookstore.kit.http.Copies;
import io.bookstore.kit.http.ValidIsbn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** {@code POST /catalog/reservations}: the copies an order needs. Each book at most once. */
public record ReservationRequest(
        @NotNull UUID orderId,
        @NotNull @Size(min = 1, max = OrderRules.MAX_LINES) List<@NotNull @Valid Item> items) {

    public record Item(@NotNull @ValidIsbn String isbn, @Copies Integer qty) {
    }

    List<ReservedItem> reservedItems() {
        return items.stream().map(item -> new ReservedItem(item.isbn(), item.qty())).toList();
    }
}
