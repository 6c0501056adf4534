package io.bookstore.payments.service;

import io.bookstore.contracts.Uuids;
import io.bookstore.payments.client.OrdersUnavailableException;
import io.bookstore.payments.client.PaymentIntent;
import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.client.WebhookEvent;
import io.bookstore.payments.domain.Applied;
import io.bookstore.payments.domain.PaymentStatus;
import io.bookstore.payments.domain.ReportOutcome;
import io.bookstore.payments.domain.WebhookOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.UUID;

/**
 * Applies an authentic webhook: a final event records the outcome (exactly as polling does,
 * through {@link PaymentService#apply}) and reports it to orders. When orders cannot take
 * it now, the call fails with {@link OrdersUnavailableException}, so the PSP redelivers; the
 * recorded outcome stays and the settler reports it as well.
 */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    private final PaymentService payments;
    private final WebhookMetrics metrics;

    public WebhookService(PaymentService payments, WebhookMetrics metrics) {
        this.payments = payments;
        this.metrics = metrics;
    }

    public Uni<WebhookOutcome> handle(WebhookEvent event) {
        Optional<PaymentStatus> outcome = outcome(event.type());
        if (outcome.isEmpty() || event.intent().isEmpty()) {
            metrics.handled(event, WebhookOutcome.IGNORED);
            return Uni.createFrom().item(WebhookOutcome.IGNORED);
        }
        PaymentIntent intent = event.intent().get();
        String orderId = intent.metadata().get(PspGateway.METADATA_ORDER_ID);
        if (!Uuids.isValid(orderId)) {
            LOG.warnf("Webhook %s %s for intent %s names no order (metadata order_id %s); ignored",
                    event.type(), event.id(), intent.id(), orderId);
            metrics.handled(event, WebhookOutcome.UNKNOWN_ORDER);
            return Uni.createFrom().item(WebhookOutcome.UNKNOWN_ORDER);
        }
        return payments.apply(UUID.fromString(orderId), PaymentService.settlement(outcome.get(), intent))
                .map(applied -> {
                    WebhookOutcome result = outcome(applied);
                    if (result == WebhookOutcome.UNKNOWN_ORDER) {
                        LOG.warnf("Webhook %s %s for intent %s names order %s, which has no payment here; ignored",
                                event.type(), event.id(), intent.id(), orderId);
                    }
                    metrics.handled(event, result);
                    if (applied.report() == ReportOutcome.UNAVAILABLE) {
                        throw new OrdersUnavailableException("the outcome of order " + orderId
                                + " is recorded, but orders cannot take it now; it will be reported later", null);
                    }
                    return result;
                });
    }

    private static Optional<PaymentStatus> outcome(String type) {
        return switch (type) {
            case WebhookEvent.PAYMENT_INTENT_SUCCEEDED -> Optional.of(PaymentStatus.SUCCEEDED);
            case WebhookEvent.PAYMENT_INTENT_PAYMENT_FAILED -> Optional.of(PaymentStatus.FAILED);
            default -> Optional.empty();
        };
    }

    private static WebhookOutcome outcome(Applied applied) {
        return switch (applied.result()) {
            case APPLIED -> WebhookOutcome.APPLIED;
            case ALREADY_FINAL -> WebhookOutcome.DUPLICATE;
            case UNKNOWN_ORDER -> WebhookOutcome.UNKNOWN_ORDER;
            case MISMATCH -> WebhookOutcome.MISMATCH;
        };
    }
}
