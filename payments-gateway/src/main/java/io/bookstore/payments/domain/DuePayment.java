package io.bookstore.payments.domain;

/**
 * A payment the settler claimed, with what the database's clock said at the claim: whether
 * its window has passed ({@code deadline}), and whether the PSP may have forgotten its
 * Idempotency-Key ({@code creation-window}). Never this process's clock, which may differ.
 */
public record DuePayment(Payment payment, boolean windowPassed, boolean keyMayBeForgotten) {
}
