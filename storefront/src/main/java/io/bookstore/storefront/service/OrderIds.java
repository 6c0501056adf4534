package io.bookstore.storefront.service;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of a checkout's order. Under an Idempotency-Key it is derived from tenant and key,
 * so a retried checkout reserves and creates under the same id as the first attempt;
 * without a key every checkout is a new order.
 */
public final class OrderIds {

    /** Separates the parts: neither a tenant nor a key (visible ASCII) can contain a newline. */
    private static final String NAMESPACE = "bookstore.storefront.checkout\n";

    private OrderIds() {
    }

    /** A name-based (version 3) UUID of tenant and key. */
    public static UUID forKey(String tenant, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((NAMESPACE + tenant + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
    }
}
