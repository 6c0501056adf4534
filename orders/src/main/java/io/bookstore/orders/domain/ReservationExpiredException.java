package io.bookstore.orders.domain;

import java.time.Instant;

/**
 * The stock reservation the order was to be created for expired before the order could be:
 * catalog releases such a reservation, so the order would sell stock that is no longer held.
 */
public class ReservationExpiredException extends RuntimeException {

    public ReservationExpiredException(Instant deadline) {
        super("the stock reservation for this order expired at " + deadline + "; nothing was created: check out again");
    }
}
