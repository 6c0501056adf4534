package io.bookstore.storefront.rest;

import io.bookstore.contracts.OrderRules;
import io.bookstore.storefront.domain.Checkout;
import io.bookstore.storefront.domain.CheckoutItem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;

/** Body of {@code POST /api/v2/checkout}. */
@DistinctIsbns
public record CheckoutRequest(
        @NotNull(message = "is required")
        @Size(min = 1, max = OrderRules.MAX_LINES, message = "must hold 1 to " + OrderRules.MAX_LINES + " items")
        List<@NotNull(message = "must be an object") @Valid CheckoutItemRequest> items,

        @NotNull(message = "is required")
        @Pattern(regexp = OrderRules.PAYMENT_METHOD, message = "must match " + OrderRules.PAYMENT_METHOD)
        String paymentMethod) {

    /** The checkout this request asks for; only called on a request that passed validation. */
    public Checkout toCheckout(String tenant, Optional<String> idempotencyKey) {
        List<CheckoutItem> checkoutItems = items.stream().map(item -> new CheckoutItem(item.isbn(), item.qty())).toList();
        return new Checkout(tenant, idempotencyKey, checkoutItems, paymentMethod);
    }
}
