package io.bookstore.payments.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.bookstore.contracts.OrderStatus;

/** Body of {@code PATCH /orders/{id}}: the payment outcome; {@code payment_id} is the PSP's intent id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusChange(OrderStatus status, String paymentId) {
}
