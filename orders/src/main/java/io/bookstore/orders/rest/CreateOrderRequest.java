package io.bookstore.orders.rest;

import io.bookstore.contracts.OrderRules;
import io.bookstore.contracts.Uuids;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.kit.http.AcrossFields;
import io.bookstore.kit.http.CheckedAcrossFields;
import io.bookstore.orders.domain.NewOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Body of {@code POST /orders}. {@code order_id} is optional: a caller that must act under
 * the order's id before the order exists (the storefront reserves stock first) chooses it.
 * {@code reservation_expires_at} is optional too: the {@code expires_at} of that stock
 * reservation, after which no order may be created for it. Neither it nor its absence is
 * part of what an Idempotency-Key compares: it is a condition of the request, not the order.
 */
@CheckedAcrossFields
public record CreateOrderRequest(
        @Pattern(regexp = Uuids.PATTERN, message = "must be a UUID")
        String orderId,

        @NotNull(message = "is required")
        @Pattern(regexp = CURRENCY, message = "must be an ISO 4217 code of three upper-case letters")
        String currency,

        @NotNull(message = "is required")
        @Pattern(regexp = OrderRules.PAYMENT_METHOD, message = "must match " + OrderRules.PAYMENT_METHOD)
        String paymentMethod,

        @NotNull(message = "is required")
        @Size(min = 1, max = OrderRules.MAX_LINES, message = "must hold 1 to " + OrderRules.MAX_LINES + " lines")
        List<@NotNull(message = "must be an object") @Valid LineRequest> lines,

        Instant reservationExpiresAt) implements AcrossFields {

    public static final String CURRENCY = "^[A-Z]{3}$";

    /**
     * A line that names its currency names the order's: one order is paid in one currency,
     * and a line priced in another would make {@code total_cents} meaningless.
     */
    @Override
    public List<FieldViolation> violationsAcrossFields() {
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; currency != null && lines != null && i < lines.size(); i++) {
            LineRequest line = lines.get(i);
            if (line != null && line.currency() != null && !line.currency().equals(currency)) {
                violations.add(FieldViolation.inList("lines", i, "currency", "must be the order's currency " + currency));
            }
        }
        return violations;
    }

    /** The order this request asks for; only called on a request that passed validation. */
    public NewOrder toNewOrder(String tenant) {
        List<OrderLine> orderLines = lines.stream()
                .map(line -> new OrderLine(line.isbn(), line.qty(), line.unitPriceCents()))
                .toList();
        return new NewOrder(Optional.ofNullable(orderId).map(UUID::fromString), tenant, currency, paymentMethod, orderLines);
    }
}
