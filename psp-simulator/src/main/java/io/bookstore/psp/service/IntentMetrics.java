package io.bookstore.psp.service;

import io.bookstore.psp.domain.IntentStatus;
import io.bookstore.psp.domain.PaymentIntent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code psp_payment_intents_total{outcome}}: what each executed create or confirm did,
 * {@code succeeded}, {@code declined} or {@code unconfirmed}, and each executed cancel, {@code canceled}
 * (replays are not counted); and
 * {@code psp_api_errors_injected_total}, the 500s the error knobs answered.
 */
@ApplicationScoped
public class IntentMetrics {

    static final String INTENTS = "psp.payment_intents";
    static final String INJECTED_ERRORS = "psp.api.errors.injected";

    private final Meter.MeterProvider<Counter> intents;
    private final Counter injectedErrors;

    public IntentMetrics(MeterRegistry registry) {
        intents = Counter.builder(INTENTS)
                .description("Payment intents created or confirmed, by outcome")
                .withRegistry(registry);
        injectedErrors = Counter.builder(INJECTED_ERRORS)
                .description("API requests answered 500 by the error knobs")
                .register(registry);
    }

    void executed(PaymentIntent intent, boolean confirmed) {
        String outcome = !confirmed ? "unconfirmed" : intent.status() == IntentStatus.SUCCEEDED ? "succeeded" : "declined";
        intents.withTag("outcome", outcome).increment();
    }

    void canceled() {
        intents.withTag("outcome", "canceled").increment();
    }

    void injectedError() {
        injectedErrors.increment();
    }
}
