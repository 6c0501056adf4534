package io.bookstore.catalog.service;

import io.bookstore.contracts.BusinessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link BusinessMetrics#CATALOG_RESERVATIONS}: what became of each request that changed, or failed to change, stock. */
@ApplicationScoped
public class ReservationMetrics {

    static final String RESERVED = "reserved";
    static final String INSUFFICIENT_STOCK = "insufficient_stock";
    static final String RELEASED = "released";

    private final MeterRegistry registry;

    public ReservationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String tenant, String outcome) {
        registry.counter(BusinessMetrics.CATALOG_RESERVATIONS,
                BusinessMetrics.TAG_TENANT, tenant,
                BusinessMetrics.TAG_OUTCOME, outcome).increment();
    }
}
