package io.bookstore.psp.domain;

/** A request answered with a Stripe error; the exception mapper writes {@link #body()} with {@link #status()}. */
public class StripeException extends RuntimeException {

    private final int status;
    private final ApiError error;

    public StripeException(int status, ApiError error) {
        // No stack trace: this is an answer to a client, not a fault in the simulator.
        super(error.message(), null, false, false);
        this.status = status;
        this.error = error;
    }

    public static StripeException invalid(String param, String code, String message) {
        return new StripeException(400, ApiError.invalidRequest(param, code, message));
    }

    public static StripeException invalid(String param, String message) {
        return invalid(param, null, message);
    }

    public static StripeException missing(String param) {
        return invalid(param, "parameter_missing", "Missing required param: " + param + ".");
    }

    public int status() {
        return status;
    }

    public ApiError.Body body() {
        return new ApiError.Body(error);
    }
}
