package io.bookstore.payments.client;

/**
 * The PSP refused the request itself (a 4xx {@code invalid_request_error}: an amount it does not
 * accept, an unknown payment method, an unknown intent). Sending it again cannot succeed.
 */
public class PspRejectedException extends RuntimeException {

    private final String code;

    public PspRejectedException(int status, String code, String message) {
        super("PSP refused the request (HTTP " + status + (code == null ? "" : ", " + code) + "): " + message, null, false, false);
        this.code = code;
    }

    /** Stripe's error {@code code}, e.g. {@code resource_missing}; {@code invalid_request} when it sent none. */
    public String code() {
        return code == null ? "invalid_request" : code;
    }
}
