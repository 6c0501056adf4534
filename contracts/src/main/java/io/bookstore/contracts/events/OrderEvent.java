package io.bookstore.contracts.events;

import java.util.UUID;

/**
 * What every payload on {@code bookstore.orders.v1} names: the order, which is also the
 * record's key and {@code ce_subject}, and the tenant that owns it, which must be the
 * record's {@code ce_tenant}.
 */
public interface OrderEvent {

    UUID orderId();

    String tenant();
}
