package io.bookstore.payments.domain;

import java.util.Optional;

/** What an outcome from the PSP did to the payment, and whether orders now knows it. */
public record Applied(Result result, Optional<Payment> payment, ReportOutcome report) {

    public enum Result {
        /** The payment took this outcome now. */
        APPLIED,
        /** The payment already had a final outcome; it stays (a duplicate or late event). */
        ALREADY_FINAL,
        /** No payment for this order id. */
        UNKNOWN_ORDER,
        /** The outcome names another intent or tenant than the payment's: ignored. */
        MISMATCH
    }

    public static Applied of(Result result, Payment payment) {
        return new Applied(result, Optional.of(payment), ReportOutcome.NOT_NEEDED);
    }

    public Applied reported(ReportOutcome report) {
        return new Applied(result, payment, report);
    }
}
