package io.bookstore.storefront.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bookstore.contracts.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Body of orders' {@code POST /orders}, under the id the stock was reserved for, with the
 * reservation's deadline: orders refuses to create the order once it has passed.
 */
public record OrderRequest(UUID orderId, String currency, String paymentMethod, List<OrderLine> lines,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Instant reservationExpiresAt) {
}
