package io.bookstore.payments.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.payments.domain.Payment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@value BusinessMetrics#PAYMENTS}: payments reaching an end, tagged tenant and outcome
 * ({@code succeeded}, {@code failed}, or {@code abandoned} when creation was given up);
 * Prometheus {@code bookstore_payments_total}. Each payment counts once, when its outcome is
 * first recorded, however many webhooks repeat it.
 */
@ApplicationScoped
public class PaymentMetrics {

    static final String ABANDONED = "abandoned";

    /** The counter named once; each tenant and outcome is a series of it. */
    private final Meter.MeterProvider<Counter> payments;

    public PaymentMetrics(MeterRegistry registry) {
        payments = Counter.builder(BusinessMetrics.PAYMENTS).withRegistry(registry);
    }

    void settled(Payment payment) {
        count(payment.tenant(), payment.status().wire());
    }

    void abandoned(Payment payment) {
        count(payment.tenant(), ABANDONED);
    }

    private void count(String tenant, String outcome) {
        payments.withTags(BusinessMetrics.TAG_TENANT, tenant, BusinessMetrics.TAG_OUTCOME, outcome).increment();
    }
}
