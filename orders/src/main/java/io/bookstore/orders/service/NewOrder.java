package io.bookstore.orders.service;

import io.bookstore.contracts.events.OrderLine;

import java.util.List;

/** A validated order request: every line is priced in the order's currency. */
public record NewOrder(String tenant, String currency, String paymentMethod, List<OrderLine> lines) {

    public NewOrder {
        lines = List.copyOf(lines);
    }

    public long totalCents() {
        return lines.stream().mapToLong(line -> line.qty() * line.unitPriceCents()).sum();
    }
}
