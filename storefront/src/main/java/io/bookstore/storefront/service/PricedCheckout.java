package io.bookstore.storefront.service;

import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.kit.http.InvalidRequestException;
import io.bookstore.storefront.client.Book;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.ReservationItem;
import io.bookstore.storefront.domain.CheckoutItem;
import io.bookstore.storefront.domain.MixedCurrenciesException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A checkout priced by catalog: each item's book as catalog prints it, at catalog's price, in one currency. */
public record PricedCheckout(String currency, List<ReservationItem> reservationItems, List<OrderLine> lines) {

    /**
     * @throws InvalidRequestException when catalog does not know some books
     * @throws MixedCurrenciesException when the books are sold in different currencies
     */
    public static PricedCheckout of(List<CheckoutItem> items, List<Book> books) {
        Map<String, Book> byDigits = books.stream()
                .collect(Collectors.toMap(book -> Isbn.digits(book.isbn()), Function.identity(), (first, second) -> first));
        List<FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!byDigits.containsKey(Isbn.digits(items.get(i).isbn()))) {
                unknown.add(new FieldError("items[" + i + "].isbn", "is not a book of the catalog"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRequestException(unknown.size() == 1 ? "1 book is not in the catalog"
                    : unknown.size() + " books are not in the catalog", unknown);
        }
        List<Book> ordered = items.stream().map(item -> byDigits.get(Isbn.digits(item.isbn()))).toList();
        String currency = ordered.get(0).currency();
        List<FieldError> otherCurrency = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (!ordered.get(i).currency().equals(currency)) {
                otherCurrency.add(new FieldError("items[" + i + "].isbn", "is sold in " + ordered.get(i).currency()));
            }
        }
        if (!otherCurrency.isEmpty()) {
            throw new MixedCurrenciesException(currency, otherCurrency);
        }
        List<ReservationItem> reservationItems = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Book book = ordered.get(i);
            int qty = items.get(i).qty();
            reservationItems.add(new ReservationItem(book.isbn(), qty));
            lines.add(new OrderLine(book.isbn(), qty, book.priceCents()));
        }
        return new PricedCheckout(currency, List.copyOf(reservationItems), List.copyOf(lines));
    }

    /**
     * The items at the prices of an order made for them before: empty unless the order has
     * exactly these books, each in this quantity, in this order (as a retry of the request
     * that made it sends them).
     */
    public static Optional<PricedCheckout> atPricesOf(List<CheckoutItem> items, Order order) {
        if (order.lines().size() != items.size()) {
            return Optional.empty();
        }
        List<ReservationItem> reservationItems = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            CheckoutItem item = items.get(i);
            OrderLine line = order.lines().get(i);
            if (!Isbn.digits(line.isbn()).equals(Isbn.digits(item.isbn())) || line.qty() != item.qty()) {
                return Optional.empty();
            }
            reservationItems.add(new ReservationItem(line.isbn(), line.qty()));
            lines.add(line);
        }
        return Optional.of(new PricedCheckout(order.currency(), List.copyOf(reservationItems), List.copyOf(lines)));
    }
}
