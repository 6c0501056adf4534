package io.bookstore.contracts.problem;

/** The problem types of the platform's HTTP APIs, with their status and title. */
public enum ProblemType {
    VALIDATION("validation", 400, "The request is not valid"),
    MALFORMED_REQUEST("malformed-request", 400, "The request body cannot be read"),
    UNAUTHENTICATED("unauthenticated", 401, "A valid bearer token of the bookstore realm is required"),
    FORBIDDEN("forbidden", 403, "The token does not allow this request"),
    NOT_FOUND("not-found", 404, "Not found"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    CONFLICT("conflict", 409, "The request conflicts with the current state"),
    INSUFFICIENT_STOCK("insufficient-stock", 409, "Not enough stock"),
    INVALID_TRANSITION("invalid-transition", 409, "The order cannot make this transition"),
    RESERVATION_EXPIRED("reservation-expired", 409, "The stock reservation of this order has expired"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "The Idempotency-Key was used with a different request"),
    MIXED_CURRENCIES("mixed-currencies", 422, "The books are sold in different currencies"),
    UNAVAILABLE("unavailable", 503, "A service this request needs is unavailable"),
    /** Refused by admission control before any work was done: nothing was read, checked or written. */
    OVERLOADED("overloaded", 503, "The service is at capacity");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String uri() {
        return "urn:bookstore:problem:" + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
