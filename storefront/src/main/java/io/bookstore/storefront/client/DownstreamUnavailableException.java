package io.bookstore.storefront.client;

/**
 * A downstream service gave no usable answer: it could not be reached, did not answer in
 * time, failed with a 5xx, or its circuit breaker is open. The client gets a 503 naming it.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String downstream;
    private final String reason;

    public DownstreamUnavailableException(String downstream, String reason) {
        this(downstream, reason, null);
    }

    public DownstreamUnavailableException(String downstream, String reason, Throwable cause) {
        super(downstream + " " + reason, cause);
        this.downstream = downstream;
        this.reason = reason;
    }

    public String downstream() {
        return downstream;
    }

    /** What went wrong, as a phrase that follows the downstream's name ("did not answer in time"). */
    public String reason() {
        return reason;
    }
}
