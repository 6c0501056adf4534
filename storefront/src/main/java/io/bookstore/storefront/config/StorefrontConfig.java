package io.bookstore.storefront.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the storefront under {@code bookstore.storefront}. */
@ConfigMapping(prefix = "bookstore.storefront")
public interface StorefrontConfig {

    Checkout checkout();

    Downstream downstream();

    Admission admission();

    Web web();

    /** The shopper's page at {@code /}: where the browser signs in (rest.WebConfigResource). */
    interface Web {

        /**
         * The realm's issuer as the shopper's browser reaches it. The same as the one the API
         * checks tokens against unless a proxy or a cluster puts Keycloak at another address for
         * browsers (the token's {@code iss} must still be the one the services expect).
         */
        @WithDefault("${quarkus.oidc.auth-server-url:}")
        Optional<String> issuer();

        /** The realm's public client for the page, with PKCE (bookstore-web in keycloak/bookstore-realm.json). */
        @WithDefault("bookstore-web")
        String clientId();
    }

    /**
     * Admission control of {@code POST /api/v2/checkout} ({@code rest.CheckoutAdmission}): at most
     * the limit run at once, the rest are refused at once with a 503 before any work is done.
     */
    interface Admission {

        /** Off: every checkout is admitted. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("16")
        int initialLimit();

        /** The limit never falls below this, however slow the checkouts are. */
        @WithDefault("4")
        int minLimit();

        @WithDefault("200")
        int maxLimit();

        /**
         * An admitted checkout slower than this (to its order's creation) and than twice the usual
         * latency shrinks the limit while half of it is used; faster ones grow it.
         */
        @WithDefault("250ms")
        Duration latencyThreshold();

        /** The limit is multiplied by this on a slow checkout, at most once per latency threshold. */
        @WithDefault("0.9")
        double backoffRatio();

        /** The {@code Retry-After} of a refused checkout, in whole seconds. */
        @WithDefault("1")
        int retryAfterSeconds();
    }

    interface Checkout {

        /**
         * The longest one ask of orders waits for the order's status to change, for a checkout
         * with {@code Prefer: wait=N} (whole seconds, at least 1; below the orders client's read
         * timeout and the guard's timeout).
         */
        @WithDefault("1s")
        Duration ordersWait();

        /**
         * How long, from its arrival, a checkout waits for a catalog or orders that fails fast
         * (refuses or drops connections, answers 5xx, or its breaker is open: a restart, say)
         * before it is refused; {@code 0s} refuses at once. A downstream that does not answer in
         * time is not waited for: waiting would only add to its load.
         */
        @WithDefault("5s")
        Duration patience();

        /** How often a waiting checkout asks again (± half of it, so that waiting checkouts spread out). */
        @WithDefault("250ms")
        Duration patienceInterval();

        /**
         * Checkouts that may wait at once. A waiting checkout holds no admission place (it costs a
         * timer), so this bounds how many come back at once when the downstream does; beyond it
         * a checkout is refused at once, as without patience.
         */
        @WithDefault("200")
        int maxWaiting();
    }

    /** The guard of every call to catalog, orders and recommendations ({@code client.DownstreamGuards}). */
    interface Downstream {

        /** Per attempt: the backstop behind the REST clients' read timeout, covering the wait for a pooled connection too. */
        @WithDefault("3s")
        Duration timeout();

        Retry retry();

        Breaker breaker();

        interface Retry {

            /** At most this many retries of one call, while the downstream's budget allows them. */
            @WithDefault("2")
            int maxRetries();

            @WithDefault("100ms")
            Duration delay();

            /** A random ± added to each delay, so that retries of concurrent calls spread out. */
            @WithDefault("50ms")
            Duration jitter();

            /** Retries of a downstream may add this share of its calls in the last {@link #budgetWindow()}. */
            @WithDefault("0.2")
            double budgetRatio();

            /** Retries allowed per window on top of the share, so that a quiet downstream's rare failure is retried. */
            @WithDefault("10")
            int budgetMinimum();

            @WithDefault("10s")
            Duration budgetWindow();
        }

        interface Breaker {

            /** The rolling window of attempts a breaker judges. */
            @WithDefault("10")
            int requestVolume();

            /** Opens when this share of the window's attempts failed. */
            @WithDefault("0.5")
            double failureRatio();

            /** An open breaker lets a trial call through after this long. */
            @WithDefault("2s")
            Duration delay();

            /** Trial calls that must succeed before a half-open breaker closes. */
            @WithDefault("1")
            int successThreshold();

            /** Tenants with a breaker per downstream; the least recently calling one's is dropped beyond this. */
            @WithDefault("1000")
            int tenants();
        }
    }
}
