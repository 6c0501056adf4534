package io.bookstore.psp.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code psp_webhook_deliveries_total{event_type,outcome}}: {@code delivered} (a 2xx answer),
 * {@code failed_attempt} (one attempt that will be retried or was the last), {@code gave_up}
 * (all attempts failed), {@code dropped} (the drop knob: never sent).
 */
@ApplicationScoped
public class WebhookMetrics {

    static final String DELIVERIES = "psp.webhook.deliveries";

    private final Meter.MeterProvider<Counter> deliveries;

    public WebhookMetrics(MeterRegistry registry) {
        deliveries = Counter.builder(DELIVERIES)
                .description("Webhook delivery attempts and their outcomes")
                .withRegistry(registry);
    }

    void delivered(String eventType) {
        count(eventType, "delivered");
    }

    void failedAttempt(String eventType) {
        count(eventType, "failed_attempt");
    }

    void gaveUp(String eventType) {
        count(eventType, "gave_up");
    }

    void dropped(String eventType) {
        count(eventType, "dropped");
    }

    private void count(String eventType, String outcome) {
        deliveries.withTags("event_type", eventType, "outcome", outcome).increment();
    }
}
