package io.bookstore.contracts;

/** Request headers of the platform's HTTP APIs beyond the standard ones. */
public final class HttpHeaders {

    /** Same key and tenant → the same order; a different body under a used key is a 422. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Set on a response that replays the result of an earlier request with the same key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    public static final String PROBLEM_JSON = "application/problem+json";

    private HttpHeaders() {
    }
}
