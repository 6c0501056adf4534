package io.bookstore.storefront.service;

import io.bookstore.contracts.BusinessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code bookstore_checkouts_total{tenant,outcome}}: how checkouts end. */
@ApplicationScoped
public class CheckoutMetrics {

    /** How a checkout ended: the {@code outcome} tag. */
    public enum Outcome {
        /** An order exists: 202 pending, or 200 with its final status. */
        ACCEPTED("accepted"),
        /** The client's mistake or a business refusal (4xx): nothing was ordered. */
        REJECTED("rejected"),
        /** A downstream service gave no answer, or admission control refused the checkout (503). */
        UNAVAILABLE("unavailable");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    public CheckoutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A checkout refused by admission control, before its token was read: {@code bookstore_checkouts_shed_total}. */
    public void shed() {
        Counter.builder(BusinessMetrics.CHECKOUTS_SHED)
                .description("Checkouts refused by admission control")
                .tag(BusinessMetrics.TAG_TENANT, BusinessMetrics.UNKNOWN_TENANT)
                .register(registry)
                .increment();
    }

    public void record(String tenant, Outcome outcome) {
        Counter.builder(BusinessMetrics.CHECKOUTS)
                .description("Checkouts by outcome")
                .tag(BusinessMetrics.TAG_TENANT, tenant)
                .tag(BusinessMetrics.TAG_OUTCOME, outcome.tag)
                .register(registry)
                .increment();
    }
}
