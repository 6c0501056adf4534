package io.bookstore.storefront.rest;

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
        @Size(min = 1, max = MAX_ITEMS, message = "must hold 1 to " + MAX_ITEMS + " items")
        List<@NotNull(message = "must be an object") @Valid CheckoutItemRequest> items,

        @NotNull(message = "is required")
        @Pattern(regexp = PAYMENT_METHOD, message = "must match " + PAYMENT_METHOD)
        String paymentMethod) {

    public static final int MAX_ITEMS = 50;
    /** A payment-method token of the PSP (Stripe's {@code pm_…} shape), never card data. */
    public static final String PAYMENT_METHOD = "^pm_[A-Za-z0-9_]{1,100}$";

    /** The checkout this request asks for; only called on a request that passed validation. */
    public Checkout toCheckout(String tenant, Optional<String> idempotencyKey) {
        List<CheckoutItem> checkoutItems = items.stream().map(item -> new CheckoutItem(item.isbn(), item.qty())).toList();
        return new Checkout(tenant, idempotencyKey, checkoutItems, paymentMethod);
    }
}
