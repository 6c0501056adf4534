package io.bookstore.catalog.domain;

import java.util.UUID;

/**
 * An order event that changes an order's reservation: {@code order.created} makes it the
 * order's ({@code target} {@code reserved}: the window no longer applies), {@code order.paid}
 * makes it {@code sold}, {@code order.payment_failed} makes it {@code released}.
 *
 * @param eventId the event's {@code ce_id}, unique per event
 */
public record ReservationEvent(UUID eventId, String eventType, UUID orderId, String tenant, ReservationStatus target) {
}
