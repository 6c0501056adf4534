package io.bookstore.storefront.client;

/**
 * A downstream service gave no usable answer: it could not be reached, did not answer in
 * time, failed with a 5xx, or its circuit breaker is open. The client gets a 503 naming it.
 */
public class DownstreamUnavailableException extends RuntimeException {

    private final String downstream;
    private final String reason;
    private final boolean timedOut;

    public DownstreamUnavailableException(String downstream, String reason) {
        this(downstream, reason, null);
    }

    public DownstreamUnavailableException(String downstream, String reason, Throwable cause) {
        this(downstream, reason, false, cause);
    }

    private DownstreamUnavailableException(String downstream, String reason, boolean timedOut, Throwable cause) {
        super(downstream + " " + reason, cause);
        this.downstream = downstream;
        this.reason = reason;
        this.timedOut = timedOut;
    }

    /** The downstream did not answer within the call's timeout. */
    public static DownstreamUnavailableException timedOut(String downstream, Throwable cause) {
        return new DownstreamUnavailableException(downstream, "did not answer in time", true, cause);
    }

    /** The same failure, its reason followed by {@code more}. */
    public DownstreamUnavailableException explained(String more) {
        return new DownstreamUnavailableException(downstream, reason + more, timedOut, getCause());
    }

    public String downstream() {
        return downstream;
    }

    /** What went wrong, as a phrase that follows the downstream's name ("did not answer in time"). */
    public String reason() {
        return reason;
    }

    /**
     * Whether the downstream was slow rather than gone: it did not answer in time. Every other
     * failure was fast (a refused or dropped connection, a 5xx, an open breaker).
     */
    public boolean timedOut() {
        return timedOut;
    }
}
