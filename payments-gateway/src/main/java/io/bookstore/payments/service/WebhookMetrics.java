package io.bookstore.payments.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.client.WebhookEvent;
import io.bookstore.payments.domain.InvalidSignatureException;
import io.bookstore.payments.domain.WebhookOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Webhook metrics: {@value BusinessMetrics#WEBHOOK_SIGNATURE_FAILURES}
 * ({@code bookstore_webhook_signature_failures_total}, tagged reason), and
 * {@value BusinessMetrics#WEBHOOK_EVENTS} ({@code bookstore_webhook_events_total}, tagged
 * event_type, outcome and tenant): what each authentic delivery did, so duplicates and late
 * events show as such.
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String TAG_REASON = "reason";
    /** Event types other than these are tagged {@code other}, so that a sender cannot grow the tag values. */
    private static final Set<String> TYPES = Set.of(WebhookEvent.PAYMENT_INTENT_SUCCEEDED, WebhookEvent.PAYMENT_INTENT_PAYMENT_FAILED,
            "payment_intent.created", "payment_intent.processing", "payment_intent.canceled");

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void signatureFailed(InvalidSignatureException.Reason reason) {
        registry.counter(BusinessMetrics.WEBHOOK_SIGNATURE_FAILURES,
                TAG_REASON, reason.tag(),
                BusinessMetrics.TAG_TENANT, BusinessMetrics.UNKNOWN_TENANT).increment();
    }

    void handled(WebhookEvent event, WebhookOutcome outcome) {
        String tenant = event.metadata().get(PspGateway.METADATA_TENANT);
        registry.counter(BusinessMetrics.WEBHOOK_EVENTS,
                BusinessMetrics.TAG_EVENT_TYPE, TYPES.contains(event.type()) ? event.type() : "other",
                BusinessMetrics.TAG_OUTCOME, outcome.tag(),
                BusinessMetrics.TAG_TENANT, BusinessMetrics.tenantTag(tenant)).increment();
    }
}
