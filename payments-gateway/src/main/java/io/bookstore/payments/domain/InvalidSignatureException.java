package io.bookstore.payments.domain;

import java.util.Locale;

/** A webhook whose {@code Stripe-Signature} does not prove it comes from the PSP, now: answered 400, nothing changes. */
public class InvalidSignatureException extends RuntimeException {

    /** Why, as the {@code reason} tag of the signature-failure metric. */
    public enum Reason {
        MISSING, MALFORMED, MISMATCH, STALE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public InvalidSignatureException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
