package io.bookstore.loadgen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches the final events of orders ({@code order.paid}, {@code order.payment_failed},
 * by {@code ce_subject}) to the checkouts that created them. An event may beat the HTTP
 * answer that names its order, so unmatched events are kept for a while; a repeated event
 * (delivery is at least once) finds nothing pending and is ignored.
 */
final class FinalStatusTracker {

    enum Outcome { PAID, PAYMENT_FAILED }

    /** A checkout whose order id is known and whose final event is awaited. */
    record Pending(long scheduledTime, boolean expectDecline, boolean measured) {
    }

    @FunctionalInterface
    interface Listener {
        void resolved(Pending checkout, Outcome outcome, long receivedAt);
    }

    private record Arrival(Outcome outcome, long receivedAt) {
    }

    private static final long KEEP_UNMATCHED_NANOS = 120_000_000_000L;
    private static final int PRUNE_EVERY = 10_000;

    private final Listener listener;
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, Arrival> unmatched = new HashMap<>();
    private int sinceLastPrune;

    FinalStatusTracker(Listener listener) {
        this.listener = listener;
    }

    /** The checkout of {@code orderId} was accepted; resolves at once if its event came first. */
    void expect(String orderId, Pending checkout) {
        Arrival early;
        synchronized (this) {
            early = unmatched.remove(orderId);
            if (early == null) {
                pending.put(orderId, checkout);
                return;
            }
        }
        listener.resolved(checkout, early.outcome(), early.receivedAt());
    }

    void onEvent(String orderId, Outcome outcome, long receivedAt) {
        Pending checkout;
        synchronized (this) {
            checkout = pending.remove(orderId);
            if (checkout == null) {
                unmatched.putIfAbsent(orderId, new Arrival(outcome, receivedAt));
                if (++sinceLastPrune >= PRUNE_EVERY) {
                    sinceLastPrune = 0;
                    unmatched.values().removeIf(arrival -> receivedAt - arrival.receivedAt() > KEEP_UNMATCHED_NANOS);
                }
                return;
            }
        }
        listener.resolved(checkout, outcome, receivedAt);
    }

    synchronized int outstanding() {
        return pending.size();
    }

    /** The checkouts still waiting, forgotten from here on. */
    synchronized List<Pending> abandonOutstanding() {
        List<Pending> left = new ArrayList<>(pending.values());
        pending.clear();
        return left;
    }
}
