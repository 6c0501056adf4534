package io.bookstore.storefront.client;

import io.bookstore.contracts.events.OrderLine;

import java.util.List;
import java.util.UUID;

/** Body of orders' {@code POST /orders}, under the id the stock was reserved for. */
public record OrderRequest(UUID orderId, String currency, String paymentMethod, List<OrderLine> lines) {
}
