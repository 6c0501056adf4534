package io.bookstore.storefront.domain;

import io.bookstore.kit.http.Caller;

import java.util.List;
import java.util.Optional;

/** A validated checkout of a verified caller (its tenant, and the token passed on): distinct valid ISBNs, quantities in range, a payment-method token. */
public record Checkout(Caller caller, Optional<String> idempotencyKey, List<CheckoutItem> items, String paymentMethod) {

    public Checkout {
        items = List.copyOf(items);
    }
}
