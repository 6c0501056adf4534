package io.bookstore.storefront.rest;

import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.OrderRules;
import io.bookstore.kit.http.AcrossFields;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.CheckedAcrossFields;
import io.bookstore.storefront.domain.Checkout;
import io.bookstore.storefront.domain.CheckoutItem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Body of {@code POST /api/v2/checkout}. */
@CheckedAcrossFields
public record CheckoutRequest(
        @NotNull(message = "is required")
        @Size(min = 1, max = OrderRules.MAX_LINES, message = "must hold 1 to " + OrderRules.MAX_LINES + " items")
        List<@NotNull(message = "must be an object") @Valid CheckoutItemRequest> items,

        @NotNull(message = "is required")
        @Pattern(regexp = OrderRules.PAYMENT_METHOD, message = "must match " + OrderRules.PAYMENT_METHOD)
        String paymentMethod) implements AcrossFields {

    /**
     * Each book appears once in a checkout, in whatever spelling: catalog holds one reservation
     * line per book, and two lines of one book would be a basket the client did not mean.
     * The later item is named, with the index of the first.
     */
    @Override
    public List<FieldViolation> violationsAcrossFields() {
        List<FieldViolation> violations = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            CheckoutItemRequest item = items.get(i);
            if (item == null || item.isbn() == null || !Isbn.isValid(item.isbn())) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(Isbn.digits(item.isbn()), i);
            if (first != null) {
                violations.add(FieldViolation.inList("items", i, "isbn",
                        "repeats the book of items[" + first + "]; merge the quantities"));
            }
        }
        return violations;
    }

    /** The checkout this request asks for; only called on a request that passed validation. */
    public Checkout toCheckout(Caller caller, Optional<String> idempotencyKey) {
        List<CheckoutItem> checkoutItems = items.stream().map(item -> new CheckoutItem(item.isbn(), item.qty())).toList();
        return new Checkout(caller, idempotencyKey, checkoutItems, paymentMethod);
    }
}
