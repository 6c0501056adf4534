package io.bookstore.payments.domain;

/** What became of telling orders about a payment's outcome. */
public enum ReportOutcome {
    /** orders accepted it now (or had it already: its PATCH is idempotent). */
    REPORTED,
    /** Nothing to tell: no final outcome yet, or orders already has it. */
    NOT_NEEDED,
    /** orders refused it (unknown order, another outcome): parked for a person, never retried. */
    REJECTED,
    /** orders could not take it now; the settler retries with back-off. */
    UNAVAILABLE
}
