package io.bookstore.payments.domain;

import java.util.Locale;

/** What an authentic webhook delivery did; the PSP gets 200 for each of them. */
public enum WebhookOutcome {
    /** The payment took the outcome now. */
    APPLIED,
    /** The payment already had its outcome (a duplicate, or an event arriving late): nothing changed. */
    DUPLICATE,
    /** An event type that decides nothing (e.g. {@code payment_intent.created}, possibly out of order). */
    IGNORED,
    /** No payment here for the metadata's order id; answered 200 so that the PSP stops retrying. */
    UNKNOWN_ORDER,
    /** The event names another intent or tenant than the order's payment: ignored. */
    MISMATCH;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
