package io.bookstore.catalog.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookstore.catalog.domain.Book;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.service.ReservationService;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A reservation on the wire: its items in ISBN order, each ISBN spelled as the catalog prints it,
 * each with its book's price now ({@code unit_price_cents} in {@code currency}, the one currency of
 * all its books), so that the storefront prices an order from the call that reserves its stock.
 * {@code expires_at} (RFC 3339, catalog's database clock) is the deadline for its order, which the
 * storefront passes on to orders; absent for a reservation made before reservations expired.
 */
public record ReservationResponse(UUID orderId, ReservationStatus status, String currency, List<Item> items,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Instant expiresAt) {

    /** Copies of one book held for the order, and the book's price now. */
    public record Item(String isbn, int qty, long unitPriceCents) {
    }

    static ReservationResponse of(ReservationService.Outcome outcome) {
        Map<String, Book> books = outcome.books().stream().collect(Collectors.toMap(Book::isbn, Function.identity()));
        List<Item> items = outcome.reservation().items().stream()
                .map(item -> new Item(item.isbn(), item.qty(), books.get(item.isbn()).priceCents()))
                .toList();
        return new ReservationResponse(outcome.reservation().orderId(), outcome.reservation().status(),
                outcome.books().get(0).currency(), items, outcome.reservation().expiresAt());
    }
}
