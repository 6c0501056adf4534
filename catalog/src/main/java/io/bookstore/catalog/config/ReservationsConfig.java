package io.bookstore.catalog.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/**
 * How long a reservation waits for its order ({@code bookstore.reservations.*}; the defaults
 * are in {@code application.properties}).
 */
@ConfigMapping(prefix = "bookstore.reservations")
public interface ReservationsConfig {

    /** From a reservation's creation to its {@code expires_at}, which the storefront passes to orders as the order's deadline. */
    Duration window();

    /**
     * How long after {@code expires_at} the reaper waits before it releases a reservation that
     * has no order: it covers the clock difference between catalog's and orders' databases and
     * the time {@code order.created} takes to arrive (outbox, Kafka).
     */
    Duration expiryGrace();

    /** How often the reaper looks for expired reservations. */
    Duration reapInterval();

    /** The most reservations one round of the reaper releases, in one transaction. */
    int reapBatchSize();
}
