package io.bookstore.orders.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code bookstore.orders}: orders entering a status, per tenant. */
@ApplicationScoped
public class OrderMetrics {

    private final MeterRegistry registry;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void entered(String tenant, OrderStatus status) {
        Counter.builder(BusinessMetrics.ORDERS)
                .description("Orders entering a status")
                .tag(BusinessMetrics.TAG_TENANT, tenant)
                .tag(BusinessMetrics.TAG_STATUS, status.wire())
                .register(registry)
                .increment();
    }
}
