package io.bookstore.storefront.client;

import java.util.List;
import java.util.UUID;

/** Body of catalog's {@code POST /catalog/reservations}: idempotent per {@code order_id}. */
public record ReservationRequest(UUID orderId, List<ReservationItem> items) {
}
