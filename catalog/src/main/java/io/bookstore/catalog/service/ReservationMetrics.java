package io.bookstore.catalog.service;

import io.bookstore.contracts.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@link BusinessMetrics#CATALOG_RESERVATIONS}: what became of each request that changed, or failed to change, stock. */
@ApplicationScoped
public class ReservationMetrics {

    static final String RESERVED = "reserved";
    static final String INSUFFICIENT_STOCK = "insufficient_stock";
    static final String RELEASED = "released";

    /** The counter named once; each tenant and outcome is a series of it. */
    private final Meter.MeterProvider<Counter> reservations;

    public ReservationMetrics(MeterRegistry registry) {
        reservations = Counter.builder(BusinessMetrics.CATALOG_RESERVATIONS).withRegistry(registry);
    }

    void record(String tenant, String outcome) {
        reservations.withTags(BusinessMetrics.TAG_TENANT, tenant, BusinessMetrics.TAG_OUTCOME, outcome).increment();
    }
}
