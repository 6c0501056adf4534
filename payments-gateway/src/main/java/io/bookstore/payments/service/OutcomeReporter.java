package io.bookstore.payments.service;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.payments.client.OrderRejectedException;
import io.bookstore.payments.client.OrdersClient;
import io.bookstore.payments.client.StatusChange;
import io.bookstore.payments.config.PaymentsConfig;
import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.domain.ReportOutcome;
import io.bookstore.payments.repository.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Tells orders the final outcome of a payment ({@code PATCH /orders/{id}}) and remembers
 * that it did. Until orders has accepted it the payment stays due for the settler, so an
 * outcome is never lost to an orders outage; a refusal is parked for a person.
 */
@ApplicationScoped
public class OutcomeReporter {

    private static final Logger LOG = Logger.getLogger(OutcomeReporter.class);

    private final OrdersClient orders;
    private final Pool pool;
    private final PaymentRepository payments;
    private final PaymentsConfig config;

    public OutcomeReporter(@RestClient OrdersClient orders, Pool pool, PaymentRepository payments, PaymentsConfig config) {
        this.orders = orders;
        this.pool = pool;
        this.payments = payments;
        this.config = config;
    }

    /**
     * Reports a final outcome orders does not have yet. A failure of the bookkeeping after
     * orders answered goes up to the caller: orders' PATCH is idempotent, so reporting again is safe.
     */
    public Uni<ReportOutcome> report(Payment payment) {
        if (!payment.needsReport()) {
            return Uni.createFrom().item(ReportOutcome.NOT_NEEDED);
        }
        OrderStatus status = payment.status().orderStatus();
        return orders.changeStatus(payment.orderId(), new StatusChange(status, payment.intentId()))
                .replaceWith(new Answer(ReportOutcome.REPORTED, null))
                .onFailure(OrderRejectedException.class).recoverWithItem(refusal -> new Answer(ReportOutcome.REJECTED, refusal.getMessage()))
                .onFailure().recoverWithItem(failure -> new Answer(ReportOutcome.UNAVAILABLE, failure.toString()))
                .flatMap(answer -> record(payment, status, answer));
    }

    private Uni<ReportOutcome> record(Payment payment, OrderStatus status, Answer answer) {
        Uni<Void> recorded = switch (answer.outcome()) {
            case REPORTED -> payments.markReported(pool, payment.orderId(), status);
            case REJECTED -> {
                LOG.errorf("orders refused outcome %s of order %s (intent %s); parked for a person: %s",
                        status.wire(), payment.orderId(), payment.intentId(), answer.detail());
                yield payments.park(pool, payment.orderId(), answer.detail());
            }
            default -> {
                LOG.warnf("Cannot report outcome %s of order %s to orders now (%s); retrying later",
                        status.wire(), payment.orderId(), answer.detail());
                yield payments.retryLater(pool, payment.orderId(), config.retry().initial(), config.retry().max(),
                        "orders unavailable: " + answer.detail());
            }
        };
        return recorded.replaceWith(answer.outcome());
    }

    private record Answer(ReportOutcome outcome, String detail) {
    }
}
