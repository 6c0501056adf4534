package io.bookstore.orders.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.OrderStatus;
import io.bookstore.orders.domain.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.stream.Stream;

/**
 * The orders' business metrics, recorded once a status change has committed:
 * {@code bookstore.orders} (orders entering a status), {@code bookstore.order.completion}
 * (checkout → final status) and {@code bookstore.revenue.cents} (paid orders' totals).
 */
@ApplicationScoped
public class OrderMetrics {

    /** Checkout → paid targets 200 ms at p99 (docs/benchmarks.md); a PSP outage stretches it to the settler's minutes. */
    private static final Duration[] COMPLETION_BOUNDS = Stream.of(50, 100, 200, 300, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final MeterRegistry registry;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@code order} has just committed its current status. Called within the request that
     * made the change, so the completion histogram's exemplar is that request's trace.
     */
    public void entered(Order order) {
        Counter.builder(BusinessMetrics.ORDERS)
                .description("Orders entering a status")
                .tag(BusinessMetrics.TAG_TENANT, order.tenant())
                .tag(BusinessMetrics.TAG_STATUS, order.status().wire())
                .register(registry)
                .increment();
        if (order.status().isFinal()) {
            // Both instants come from the database's clock, so no two hosts' clocks are compared.
            Timer.builder(BusinessMetrics.ORDER_COMPLETION)
                    .description("Time from an order's creation to its final status")
                    .tag(BusinessMetrics.TAG_TENANT, order.tenant())
                    .tag(BusinessMetrics.TAG_STATUS, order.status().wire())
                    .serviceLevelObjectives(COMPLETION_BOUNDS)
                    .register(registry)
                    .record(Duration.between(order.createdAt(), order.updatedAt()));
        }
        if (order.status() == OrderStatus.PAID) {
            Counter.builder(BusinessMetrics.REVENUE_CENTS)
                    .description("Minor units of the currency taken by paid orders")
                    .tag(BusinessMetrics.TAG_TENANT, order.tenant())
                    .tag(BusinessMetrics.TAG_CURRENCY, order.currency())
                    .register(registry)
                    .increment(order.totalCents());
        }
    }
}
