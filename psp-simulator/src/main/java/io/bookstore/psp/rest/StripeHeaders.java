package io.bookstore.psp.rest;

/** Header names of Stripe's API. */
final class StripeHeaders {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on an answer replayed for a used idempotency key. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** The id of the request; webhook events name it in {@code request.id}. */
    static final String REQUEST_ID = "Request-Id";
    /** Stripe's hint to its client libraries that retrying the request is safe. */
    static final String SHOULD_RETRY = "Stripe-Should-Retry";

    private StripeHeaders() {
    }
}
