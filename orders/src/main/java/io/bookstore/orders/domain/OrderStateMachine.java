package io.bookstore.orders.domain;

import io.bookstore.contracts.OrderStatus;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The order lifecycle, in one place: {@code pending_payment → paid | payment_failed}, both final.
 * Repeating the transition that already happened (same status, same payment) is harmless,
 * because the payments-gateway retries and PSP webhooks arrive more than once.
 */
public final class OrderStateMachine {

    /** What to do with a requested change. */
    public enum Decision {
        /** Write the new status, bump the version and record the event. */
        APPLY,
        /** The order is already there: answer with it unchanged, record nothing. */
        ALREADY_APPLIED
    }

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            OrderStatus.PENDING_PAYMENT, Set.of(OrderStatus.PAID, OrderStatus.PAYMENT_FAILED),
            OrderStatus.PAID, Set.of(),
            OrderStatus.PAYMENT_FAILED, Set.of());

    private OrderStateMachine() {
    }

    /** The statuses an order can move to {@code target} from: where a change can apply without a look first. */
    public static Set<OrderStatus> sourcesOf(OrderStatus target) {
        Set<OrderStatus> sources = EnumSet.noneOf(OrderStatus.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(target)) {
                sources.add(from);
            }
        });
        return sources;
    }

    /** @throws InvalidTransitionException when the order cannot make the change */
    public static Decision decide(Order order, StatusChange change) {
        if (order.status() == change.target()) {
            if (Objects.equals(order.paymentId(), change.paymentId())) {
                return Decision.ALREADY_APPLIED;
            }
            throw new InvalidTransitionException("order " + order.id() + " is already " + order.status().wire()
                    + " with payment " + order.paymentId() + ", not " + change.paymentId());
        }
        if (!ALLOWED.get(order.status()).contains(change.target())) {
            throw new InvalidTransitionException("order " + order.id() + " is " + order.status().wire()
                    + " and cannot become " + change.target().wire());
        }
        return Decision.APPLY;
    }
}
