package io.bookstore.recommendations.events;

import io.bookstore.recommendations.domain.Purchase;

/** A record of the order topic, as far as recommendations cares. */
public sealed interface OrderEvent {

    /** {@code order.paid}: books were sold together. */
    record Paid(Purchase purchase) implements OrderEvent {
    }

    /** Any other type: acknowledged and counted, nothing else. The tenant is the raw header, possibly absent. */
    record Ignored(String eventType, String tenant) implements OrderEvent {
    }
}
