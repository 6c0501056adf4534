package io.bookstore.payments.client;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.payments.config.PspConfig;
import io.bookstore.payments.domain.Payment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Talks to the PSP in Stripe's terms: builds the creation request of a payment, and turns
 * every answer (or its absence) into something the payment can act on, timing each call.
 */
@ApplicationScoped
public class PspGateway {

    private static final Duration[] PSP_LATENCY_BOUNDS = Stream.of(25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    /** The longest call to the PSP: three attempts of 10 s plus their back-off ({@link PspClient}). */
    public static final Duration LONGEST_CALL = Duration.ofSeconds(36);

    /** The intent metadata keys under which the PSP echoes the order id and tenant (the trace keys sit beside them). */
    public static final String METADATA_ORDER_ID = "order_id";
    public static final String METADATA_TENANT = "tenant";

    private static final Logger LOG = Logger.getLogger(PspGateway.class);
    /** Stripe's limits on one metadata value; a longer propagator value is left out rather than fail the payment. */
    private static final int MAX_METADATA_VALUE = 500;

    private final PspClient client;
    private final PspConfig config;
    private final MeterRegistry registry;

    public PspGateway(@RestClient PspClient client, PspConfig config, MeterRegistry registry) {
        this.client = client;
        this.config = config;
        this.registry = registry;
    }

    /**
     * Creates and confirms the payment's intent. The Idempotency-Key is the order id and the
     * parameters are built only from the stored payment, so every retry, by this process or
     * another, is the same request and the PSP charges at most once. Never fails.
     */
    public Uni<IntentAttempt> create(Payment payment) {
        return attempt(payment, "create", true);
    }

    /**
     * Asks, without charging, whether the PSP executed the payment's creation: the same request
     * under the same Idempotency-Key but with {@code confirm=false}. A key the PSP never executed
     * gives a new intent that is not confirmed (nothing is charged; the caller cancels it, and
     * the key now belongs to it, so a late creation request cannot charge either); a key it
     * executed gives {@link IntentAttempt.Kind#KEY_USED}. Never fails.
     */
    public Uni<IntentAttempt> probe(Payment payment) {
        return attempt(payment, "probe", false);
    }

    /** Cancels the payment's intent; the intent as the PSP answered. Fails when it cannot say, or the intent has succeeded. */
    public Uni<PaymentIntent> cancel(Payment payment) {
        Timer.Sample sample = Timer.start(registry);
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("cancellation_reason", "abandoned");
        return client.cancel(authorization(), config.apiVersion(), payment.intentId(), form)
                .onItemOrFailure().invoke((intent, failure) ->
                        sample.stop(timer(payment.tenant(), "cancel", failure == null ? "ok" : "failed")));
    }

    /** The payment's intent as the PSP holds it now. Fails when it cannot say. */
    public Uni<PaymentIntent> retrieve(Payment payment) {
        Timer.Sample sample = Timer.start(registry);
        return client.retrieve(authorization(), config.apiVersion(), payment.intentId())
                .onItemOrFailure().invoke((intent, failure) ->
                        sample.stop(timer(payment.tenant(), "retrieve", failure == null ? "ok" : "failed")));
    }

    private Uni<IntentAttempt> attempt(Payment payment, String operation, boolean confirm) {
        Timer.Sample sample = Timer.start(registry);
        return client.create(authorization(), config.apiVersion(), payment.orderId().toString(), form(payment, confirm))
                .map(IntentAttempt::created)
                .onFailure(CardDeclinedException.class).recoverWithItem(e -> IntentAttempt.created(((CardDeclinedException) e).intent()))
                .onFailure(PspRejectedException.class).recoverWithItem(e -> IntentAttempt.rejected(((PspRejectedException) e).code()))
                .onFailure(IdempotencyKeyUsedException.class).recoverWithItem(e -> confirm
                        ? IntentAttempt.unavailable(e.toString())
                        : IntentAttempt.keyUsed(e.getMessage()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("%s the intent of order %s failed: %s", confirm ? "Creating" : "Probing for", payment.orderId(), e.toString());
                    return IntentAttempt.unavailable(e.toString());
                })
                .invoke(attempt -> sample.stop(timer(payment.tenant(), operation, attempt.kind().name().toLowerCase(Locale.ROOT))));
    }

    private MultivaluedMap<String, String> form(Payment payment, boolean confirm) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("amount", Long.toString(payment.amountCents()));
        form.add("currency", payment.currency().toLowerCase(Locale.ROOT));
        form.add("payment_method", payment.paymentMethod());
        form.add("confirm", Boolean.toString(confirm));
        // Cards only: with a real Stripe account, confirm=true would otherwise need a return_url.
        form.add("payment_method_types[]", "card");
        form.add(metadata(METADATA_ORDER_ID), payment.orderId().toString());
        form.add(metadata(METADATA_TENANT), payment.tenant());
        for (Map.Entry<String, String> entry : payment.traceContext().entrySet()) {
            if (entry.getValue().length() <= MAX_METADATA_VALUE) {
                form.add(metadata(entry.getKey()), entry.getValue());
            }
        }
        return form;
    }

    private String authorization() {
        return "Bearer " + config.secretKey();
    }

    private Timer timer(String tenant, String operation, String outcome) {
        return Timer.builder(BusinessMetrics.PSP_LATENCY)
                .description("Calls to the payment service provider, retries included")
                .tag(BusinessMetrics.TAG_TENANT, tenant)
                .tag("operation", operation)
                .tag(BusinessMetrics.TAG_OUTCOME, outcome)
                // Buckets for the payments dashboard's p99: Stripe answers in 0.1-1 s, a timeout ends at 10 s.
                .serviceLevelObjectives(PSP_LATENCY_BOUNDS)
                .register(registry);
    }

    private static String metadata(String key) {
        return "metadata[" + key + "]";
    }
}
