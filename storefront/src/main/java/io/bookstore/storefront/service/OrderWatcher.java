package io.bookstore.storefront.service;

import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.WaitPreference;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.config.StorefrontConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Waits for an order to reach a final status ({@code Prefer: wait=N}) by asking orders to answer
 * when the order's status changes ({@code GET /orders/{id}} with {@code Prefer: wait}), each ask
 * at most {@code bookstore.storefront.checkout.orders-wait}: the change reaches the checkout at
 * once, in one call, and no thread waits.
 */
@ApplicationScoped
public class OrderWatcher {

    private final OrdersClient orders;
    private final WaitPreference eachAsk;

    public OrderWatcher(OrdersClient orders, StorefrontConfig config) {
        this.orders = orders;
        this.eachAsk = new WaitPreference((int) Math.max(1, config.checkout().ordersWait().toSeconds()));
    }

    /**
     * The order once final, or as last seen when {@code wait} runs out. An ask that fails
     * (orders briefly away) is not the client's problem: the order exists, so the answer is
     * the last status seen, and the asking goes on after a pause as long as one ask.
     */
    public Uni<Order> awaitFinal(Caller caller, Order order, Duration wait) {
        if (order.status().isFinal() || wait.isZero()) {
            return Uni.createFrom().item(order);
        }
        return ask(caller, order)
                .ifNoItem().after(wait).recoverWithItem(order);
    }

    private Uni<Order> ask(Caller caller, Order last) {
        return orders.findWhenChanged(caller, last.orderId(), eachAsk)
                .onFailure().recoverWithUni(() -> Uni.createFrom().item(last).onItem().delayIt().by(eachAsk.duration()))
                .flatMap(seen -> seen.status().isFinal() ? Uni.createFrom().item(seen) : ask(caller, seen));
    }
}
