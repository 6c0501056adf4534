package io.bookstore.contracts;

/**
 * What one order may hold, the same on every API a checkout passes through: the storefront's
 * checkout, catalog's reservation and orders' {@code POST /orders}. A bound that differed
 * would let one step accept a basket that a later one refuses, after stock is held.
 */
public final class OrderRules {

    /** Lines of one order, each a different book. */
    public static final int MAX_LINES = 50;
    /** Copies of one book in one line. */
    public static final int MAX_QTY = 100;
    /** A payment-method token of the PSP (Stripe's {@code pm_…} shape), never card data. */
    public static final String PAYMENT_METHOD = "^pm_[A-Za-z0-9_]{1,100}$";

    private OrderRules() {
    }
}
