package io.bookstore.storefront.service;

import io.bookstore.kit.http.Caller;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.config.StorefrontConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Waits for an order to reach a final status ({@code Prefer: wait=N}) by polling orders on
 * timers: no thread waits, the event loop is never blocked.
 */
@ApplicationScoped
public class OrderWatcher {

    private final OrdersClient orders;
    private final Duration pollInterval;

    public OrderWatcher(OrdersClient orders, StorefrontConfig config) {
        this.orders = orders;
        this.pollInterval = config.checkout().pollInterval();
    }

    /**
     * The order once final, or as last seen when {@code wait} runs out. A poll that fails
     * (orders briefly away) is not the client's problem: the order exists, so the answer is
     * the last status seen and the polling goes on.
     */
    public Uni<Order> awaitFinal(Caller caller, Order order, Duration wait) {
        if (order.status().isFinal() || wait.isZero()) {
            return Uni.createFrom().item(order);
        }
        return poll(caller, order)
                .ifNoItem().after(wait).recoverWithItem(order);
    }

    private Uni<Order> poll(Caller caller, Order last) {
        return Uni.createFrom().voidItem()
                .onItem().delayIt().by(pollInterval)
                .flatMap(ignored -> orders.find(caller, last.orderId()))
                .onFailure().recoverWithItem(last)
                .flatMap(seen -> seen.status().isFinal() ? Uni.createFrom().item(seen) : poll(caller, seen));
    }
}
