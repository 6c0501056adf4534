package io.bookstore.storefront.rest;

import io.bookstore.contracts.OrderStatus;

import java.util.UUID;

/** Body of a checkout's answer: the order, its status, and the trace that follows it through the platform. */
public record CheckoutResponse(UUID orderId, OrderStatus status, String traceId) {
}
