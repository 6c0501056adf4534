package io.bookstore.orders.domain;

import io.bookstore.contracts.events.OrderLine;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A validated order request: every line is priced in the order's currency. {@code orderId}
 * is the id the caller chose, if any; without one the service picks a random id.
 */
public record NewOrder(Optional<UUID> orderId, String tenant, String currency, String paymentMethod, List<OrderLine> lines) {

    public NewOrder {
        lines = List.copyOf(lines);
    }

    /** An order whose id the service chooses. */
    public NewOrder(String tenant, String currency, String paymentMethod, List<OrderLine> lines) {
        this(Optional.empty(), tenant, currency, paymentMethod, lines);
    }

    public long totalCents() {
        return lines.stream().mapToLong(line -> line.qty() * line.unitPriceCents()).sum();
    }
}
