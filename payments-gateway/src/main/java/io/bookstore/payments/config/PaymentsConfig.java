package io.bookstore.payments.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How the settler finishes what the webhook and the first call did not. Checked at start-up by {@code Settler}. */
@ConfigMapping(prefix = "bookstore.payments")
public interface PaymentsConfig {

    /** How long a payment waits for its webhook before the settler asks the PSP. */
    @WithDefault("2m")
    Duration settleAfter();

    /** How often the settler looks for due payments. */
    @WithDefault("5s")
    Duration pollInterval();

    /** Payments claimed per round. */
    @WithDefault("20")
    int batchSize();

    /**
     * How long a claimed payment stays off the other replicas. It must outlast the longest
     * PSP call with its retries, or two replicas could work on one payment at once (still
     * harmless: the PSP call is idempotent and outcomes are applied under a row lock).
     */
    @WithDefault("2m")
    Duration lease();

    /**
     * How long a payment may take, from its registration: past this deadline (the database's
     * {@code created_at + window}, stored as {@code deadline}) nothing more is charged; an intent
     * that has not succeeded is canceled at the PSP and the payment fails with
     * {@code payment_window_expired}. Shorter than {@link #creationWindow()}, longer than {@link #lease()}.
     */
    @WithDefault("15m")
    Duration window();

    /**
     * How long the PSP can be asked what it holds under the order's Idempotency-Key. Stripe
     * keeps a key for 24 hours; a request after that could charge a second time, so a payment
     * whose intent is still unknown then is parked for a person instead.
     */
    @WithDefault("23h")
    Duration creationWindow();

    /**
     * Intent creations running beside the order-events consumer at once; past this the
     * consumer waits for its own (IntentCreations).
     */
    @WithDefault("64")
    int maxConcurrentCreations();

    /**
     * Names this replica across its restarts, one process at a time (a pod's name): a process
     * started under it makes the payments its dead predecessor held leases on due at once,
     * instead of after their lease (service.PaymentLeases). None: nothing is taken back.
     */
    Optional<String> replicaId();

    Retry retry();

    /** Exponential back-off of a step that failed for a passing reason (PSP or orders down, intent not final yet). */
    interface Retry {

        @WithDefault("10s")
        Duration initial();

        @WithDefault("10m")
        Duration max();
    }
}
