package io.bookstore.psp.domain;

import java.util.Optional;

/**
 * The validated parameters of {@code GET /v1/payment_intents}: a page size, at most one cursor
 * (an intent id), and the range of {@code created} (unix seconds, both ends included).
 */
public record PaymentIntentQuery(int limit,
                                 Optional<String> startingAfter,
                                 Optional<String> endingBefore,
                                 long createdFrom,
                                 long createdTo) {

    /** Stripe's page sizes: 10 unless asked, 1 to 100. */
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public boolean createdWithin(PaymentIntent intent) {
        return intent.created() >= createdFrom && intent.created() <= createdTo;
    }
}
