package io.bookstore.storefront.service;

import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.Reservation;
import io.bookstore.storefront.domain.CheckoutItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A checkout priced by catalog: each item's book as catalog prints it, at catalog's price, in one currency. */
public record PricedCheckout(String currency, List<OrderLine> lines) {

    /**
     * The items, in the checkout's order, at the prices catalog answered with their
     * reservation, which holds exactly these books (catalog refused the call otherwise).
     */
    public static PricedCheckout of(List<CheckoutItem> items, Reservation reservation) {
        Map<String, Reservation.Item> byDigits = reservation.items().stream()
                .collect(Collectors.toMap(item -> Isbn.digits(item.isbn()), Function.identity()));
        List<OrderLine> lines = new ArrayList<>(items.size());
        for (CheckoutItem item : items) {
            Reservation.Item reserved = byDigits.get(Isbn.digits(item.isbn()));
            if (reserved == null) {
                throw new IllegalStateException("catalog's reservation of order " + reservation.orderId() + " lacks " + item.isbn());
            }
            lines.add(new OrderLine(reserved.isbn(), item.qty(), reserved.unitPriceCents()));
        }
        return new PricedCheckout(reservation.currency(), List.copyOf(lines));
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
        for (int i = 0; i < items.size(); i++) {
            CheckoutItem item = items.get(i);
            OrderLine line = order.lines().get(i);
            if (!Isbn.digits(line.isbn()).equals(Isbn.digits(item.isbn())) || line.qty() != item.qty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new PricedCheckout(order.currency(), List.copyOf(order.lines())));
    }
}
