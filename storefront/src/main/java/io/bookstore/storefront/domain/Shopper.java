package io.bookstore.storefront.domain;

import io.bookstore.kit.http.Caller;

/**
 * Who a checkout, an order look-up or a recommendation is for: the tenant of the caller's
 * verified token, and that token as the {@code Authorization} header the storefront passes
 * on to catalog, orders and recommendations, which check it themselves. A value, so that it
 * can travel through retries and polls that leave the request's thread.
 */
public record Shopper(String tenant, String authorization) {

    /** The verified caller of the current request, read on its thread. */
    public static Shopper of(Caller caller) {
        return new Shopper(caller.tenant(), caller.authorization());
    }
}
