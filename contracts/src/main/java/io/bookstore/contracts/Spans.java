package io.bookstore.contracts;

/**
 * The span names and span attribute keys that something reads: the collector's span metrics
 * and service graph, the devstack's waterfall, the tests. Quarkus names HTTP server spans
 * "METHOD route" and SmallRye names Kafka consumer spans "topic receive"; the ones listed are
 * those read by name. Attributes follow the OpenTelemetry semantic conventions of the
 * Quarkus BOM's version where one exists (they are used through {@code opentelemetry-semconv});
 * ours are {@code bookstore.*}, plus {@link #TENANT}.
 */
public final class Spans {

    /** storefront's server span: the root of a checkout's trace. */
    public static final String CHECKOUT = "POST /api/v2/checkout";
    /** catalog's server span of a stock reservation. */
    public static final String RESERVE_STOCK = "POST /catalog/reservations";
    /** orders' server span of a status change that payments-gateway reports. */
    public static final String CHANGE_ORDER_STATUS = "PATCH /orders/{id}";
    /** outbox-publisher's producer span of one outbox row, child of the context stored in the row. */
    public static final String OUTBOX_SEND = "send " + Topics.ORDERS;
    /** A consumer's span of one record of the order topic (SmallRye's name). */
    public static final String ORDER_EVENT_RECEIVE = Topics.ORDERS + " receive";
    /** payments-gateway's server span of a PSP webhook, continued from the intent's metadata. */
    public static final String PSP_WEBHOOK = "POST /webhooks/psp";
    /** payments-gateway's span of settling a payment by polling the PSP, continued from the payment's stored context. */
    public static final String SETTLE_PAYMENT = "settle payment";

    /** The request's tenant on HTTP server spans: a dimension of the span metrics and the service graph. */
    public static final String TENANT = "tenant";
    /** The PSP event type ({@code payment_intent.succeeded}, ...) on {@link #PSP_WEBHOOK}. */
    public static final String WEBHOOK_EVENT_TYPE = "bookstore.webhook.event_type";
    /** The payment's status when {@link #SETTLE_PAYMENT} began. */
    public static final String PAYMENT_STATUS = "bookstore.payment.status";

    private Spans() {
    }
}
