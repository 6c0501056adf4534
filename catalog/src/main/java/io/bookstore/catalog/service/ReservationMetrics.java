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
    /** Released by the reaper: no order within the window and its grace. */
    static final String EXPIRED = "expired";
    /** A late order.created took the stock of its expired reservation again. */
    static final String REINSTATED = "reinstated";
    /** A late order.created found the stock of its expired reservation gone. */
    static final String SHORTFALL = "shortfall";

    /** The counter named once; each tenant and outcome is a series of it. */
    private final Meter.MeterProvider<Counter> reservations;

    public ReservationMetrics(MeterRegistry registry) {
        reservations = Counter.builder(BusinessMetrics.CATALOG_RESERVATIONS).withRegistry(registry);
    }

    void record(String tenant, String outcome) {
        reservations.withTags(BusinessMetrics.TAG_TENANT, tenant, BusinessMetrics.TAG_OUTCOME, outcome).increment();
    }
}
