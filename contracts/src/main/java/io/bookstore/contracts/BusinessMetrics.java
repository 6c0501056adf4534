package io.bookstore.contracts;

/**
 * Business metric names, defined once for the code that records them and for the
 * dashboards and alert rules that read them. Names are Micrometer names; the Prometheus
 * name follows in each comment (dots become underscores, the unit and {@code _total}
 * are appended). No order, user or trace id is ever a tag.
 */
public final class BusinessMetrics {

    /** Timer, commit → Kafka ack of an outbox event: {@code bookstore_outbox_publish_lag_seconds}. */
    public static final String OUTBOX_PUBLISH_LAG = "bookstore.outbox.publish.lag";
    /** Gauge, outbox rows not yet published: {@code bookstore_outbox_pending}. */
    public static final String OUTBOX_PENDING = "bookstore.outbox.pending";
    /** Gauge, age of the oldest unpublished row: {@code bookstore_outbox_oldest_pending_age_seconds}. */
    public static final String OUTBOX_OLDEST_PENDING_AGE = "bookstore.outbox.oldest.pending.age";
    /** Counter, events acknowledged by Kafka: {@code bookstore_outbox_published_total}. */
    public static final String OUTBOX_PUBLISHED = "bookstore.outbox.published";
    /** Counter, rows moved to {@code outbox_dead}: {@code bookstore_outbox_dead_total}. */
    public static final String OUTBOX_DEAD = "bookstore.outbox.dead";
    /**
     * Counter, published events put back into the outbox because the order topic was replaced
     * (deleted and created again, a new topic id): {@code bookstore_outbox_replayed_total}.
     */
    public static final String OUTBOX_REPLAYED = "bookstore.outbox.replayed";
    /**
     * Counter, published events dropped from {@code outbox_published} once older than the
     * replay window: {@code bookstore_outbox_published_pruned_total}.
     */
    public static final String OUTBOX_PUBLISHED_PRUNED = "bookstore.outbox.published.pruned";

    /** Counter, orders entering a status, tagged tenant and status: {@code bookstore_orders_total}. */
    public static final String ORDERS = "bookstore.orders";
    /**
     * Timer, checkout → final status of an order (the order's creation to its paid or
     * payment_failed commit), tagged tenant and status: {@code bookstore_order_completion_seconds}.
     */
    public static final String ORDER_COMPLETION = "bookstore.order.completion";
    /** Counter, the minor units of paid orders, tagged tenant and currency: {@code bookstore_revenue_cents_total}. */
    public static final String REVENUE_CENTS = "bookstore.revenue.cents";
    /** Counter, stock reservation requests by outcome: {@code bookstore_catalog_reservations_total}. */
    public static final String CATALOG_RESERVATIONS = "bookstore.catalog.reservations";

    /**
     * Counter, order events a consumer handled, tagged event_type and outcome
     * ({@code processed}, {@code duplicate}, {@code ignored}): {@code bookstore_consumer_events_total}.
     */
    public static final String CONSUMER_EVENTS = "bookstore.consumer.events";
    /** Counter, records a consumer sent to the dead-letter topic, tagged event_type: {@code bookstore_consumer_dead_letters_total}. */
    public static final String CONSUMER_DEAD_LETTERS = "bookstore.consumer.dead.letters";
    /**
     * Counter, event ids a consumer deleted from its {@code processed_events} after their
     * retention ({@code bookstore.consumer.dedup-retention}): {@code bookstore_consumer_dedup_pruned_total}.
     */
    public static final String CONSUMER_DEDUP_PRUNED = "bookstore.consumer.dedup.pruned";

    /** Counter, checkouts at the storefront, tagged tenant and outcome (accepted, rejected, unavailable): {@code bookstore_checkouts_total}. */
    public static final String CHECKOUTS = "bookstore.checkouts";
    /**
     * Counter, checkouts the storefront's admission control refused (503 {@code overloaded}) before
     * reading their token or body, so under the tenant {@link #UNKNOWN_TENANT}:
     * {@code bookstore_checkouts_shed_total}. They count in {@link #CHECKOUTS} as unavailable too.
     */
    public static final String CHECKOUTS_SHED = "bookstore.checkouts.shed";
    /** Gauge, checkouts the storefront's admission control lets run at once now: {@code bookstore_checkouts_admission_limit}. */
    public static final String CHECKOUTS_ADMISSION_LIMIT = "bookstore.checkouts.admission.limit";
    /** Gauge, admitted checkouts running now: {@code bookstore_checkouts_in_flight}. */
    public static final String CHECKOUTS_IN_FLIGHT = "bookstore.checkouts.in.flight";
    /**
     * Gauge, checkouts waiting for catalog or orders to come back (they hold no admission place):
     * {@code bookstore_checkouts_waiting}.
     */
    public static final String CHECKOUTS_WAITING = "bookstore.checkouts.waiting";
    /** Counter, payments reaching a final state, tagged tenant and outcome: {@code bookstore_payments_total}. */
    public static final String PAYMENTS = "bookstore.payments";
    /** Timer, calls to the payment provider: {@code bookstore_psp_latency_seconds}. */
    public static final String PSP_LATENCY = "bookstore.psp.latency";
    /** Counter, provider webhooks refused for their signature, tagged reason: {@code bookstore_webhook_signature_failures_total}. */
    public static final String WEBHOOK_SIGNATURE_FAILURES = "bookstore.webhook.signature.failures";
    /** Counter, provider webhook events by type and outcome (applied, duplicate, late, ignored): {@code bookstore_webhook_events_total}. */
    public static final String WEBHOOK_EVENTS = "bookstore.webhook.events";

    /** Outcomes of {@link #CONSUMER_EVENTS}. */
    public static final String OUTCOME_PROCESSED = "processed";
    public static final String OUTCOME_DUPLICATE = "duplicate";
    public static final String OUTCOME_IGNORED = "ignored";

    /** Tag keys. */
    public static final String TAG_TENANT = "tenant";
    public static final String TAG_STATUS = "status";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_EVENT_TYPE = "event_type";
    public static final String TAG_REASON = "reason";
    public static final String TAG_CURRENCY = "currency";

    /**
     * The {@link #TAG_TENANT} value of anything that did not carry a valid tenant: a missing
     * or malformed header, or a request that has none (a provider's webhook). Only
     * validated tenants become tag values, so a client cannot mint series.
     */
    public static final String UNKNOWN_TENANT = "unknown";

    /** {@code tenant} itself when it is valid, else {@link #UNKNOWN_TENANT}. */
    public static String tenantTag(String tenant) {
        return Tenants.isValid(tenant) ? tenant : UNKNOWN_TENANT;
    }

    private BusinessMetrics() {
    }
}
