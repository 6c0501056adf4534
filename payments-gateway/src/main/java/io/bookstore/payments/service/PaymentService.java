package io.bookstore.payments.service;

import io.bookstore.payments.client.PaymentIntent;
import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.config.PaymentsConfig;
import io.bookstore.payments.domain.Applied;
import io.bookstore.payments.domain.NewPayment;
import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.domain.PaymentStatus;
import io.bookstore.payments.domain.ReportOutcome;
import io.bookstore.payments.domain.Settlement;
import io.bookstore.payments.repository.PaymentRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of a payment. Every path that can learn an outcome (the webhook, the settler's
 * polling, a creation the PSP refuses) goes through {@link #apply}, which changes a payment
 * at most once, under its row lock, and then reports it to orders.
 */
@ApplicationScoped
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    /** The decline code of a payment that could not complete within {@code bookstore.payments.window}. */
    public static final String WINDOW_EXPIRED = "payment_window_expired";

    private final Pool pool;
    private final PaymentRepository payments;
    private final PspGateway psp;
    private final OutcomeReporter reporter;
    private final PaymentMetrics metrics;
    private final PaymentsConfig config;
    private final PaymentLeases leases;

    public PaymentService(Pool pool, PaymentRepository payments, PspGateway psp, OutcomeReporter reporter, PaymentMetrics metrics,
                          PaymentsConfig config, PaymentLeases leases) {
        this.pool = pool;
        this.leases = leases;
        this.payments = payments;
        this.psp = psp;
        this.reporter = reporter;
        this.metrics = metrics;
        this.config = config;
    }

    /**
     * Inserts the order's payment unless it exists, on the caller's transaction (the one that
     * remembers the order event); present when this call created it. Nothing is charged here:
     * the caller creates the intent after the commit.
     */
    public Uni<Optional<Payment>> register(SqlConnection conn, NewPayment payment) {
        // Due for the settler only after the longest creation the caller may still be making.
        return payments.insertIfAbsent(conn, payment, config.lease(), config.window(), leases.holder());
    }

    /**
     * Creates the payment's intent at the PSP, or tries to: the same request as every earlier
     * try (Idempotency-Key = order id), so at most one charge whatever happened before.
     */
    public Uni<Void> createIntent(Payment payment) {
        return psp.create(payment).flatMap(attempt -> switch (attempt.kind()) {
            case CREATED -> recordIntent(payment, attempt.intent().orElseThrow());
            case REJECTED -> refused(payment, attempt.detail());
            // A creation request is never told its own key was used: that answers probes only.
            case UNAVAILABLE, KEY_USED -> retryLater(payment, "PSP unavailable: " + attempt.detail());
        });
    }

    /** Asks the PSP for the outcome of a payment whose webhook did not come. */
    public Uni<Void> poll(Payment payment) {
        return psp.retrieve(payment).map(Optional::of)
                .onFailure().recoverWithUni(failure -> retryLater(payment, "polling failed: " + failure)
                        .replaceWith(Optional.<PaymentIntent>empty()))
                .flatMap(polled -> polled.map(intent -> intent.outcome()
                                .map(outcome -> apply(payment.orderId(), settlement(outcome, intent)).replaceWithVoid())
                                .orElseGet(() -> retryLater(payment, "intent " + intent.id() + " is " + intent.status())))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * Past its window, a payment without a known intent: learns, without charging, whether the
     * PSP executed its creation ({@link PspGateway#probe}). A new, unconfirmed intent is recorded
     * and then canceled by {@link #expireIntent}; an executed creation is replayed under the same
     * key, which returns its intent and charges nothing new. Until the PSP answers, nothing is
     * failed: an intent may exist.
     */
    public Uni<Void> expireCreation(Payment payment) {
        return psp.probe(payment).flatMap(attempt -> switch (attempt.kind()) {
            case CREATED -> recordIntent(payment, attempt.intent().orElseThrow());
            case KEY_USED -> createIntent(payment);
            case REJECTED -> refused(payment, attempt.detail());
            case UNAVAILABLE -> retryLater(payment, "PSP unavailable past the payment window: " + attempt.detail());
        });
    }

    /**
     * Past its window, a payment whose intent is known: the intent's own outcome if it has one
     * (a succeeded intent is paid, never failed), else it is canceled at the PSP and the payment
     * fails with {@value #WINDOW_EXPIRED}, only once the PSP confirmed the cancellation.
     */
    public Uni<Void> expireIntent(Payment payment) {
        return psp.retrieve(payment)
                .flatMap(intent -> intent.outcome().isPresent() ? Uni.createFrom().item(intent) : psp.cancel(payment))
                .flatMap(intent -> intent.outcome()
                        .map(outcome -> apply(payment.orderId(), expired(outcome, intent)).replaceWithVoid())
                        .orElseGet(() -> retryLater(payment, "intent " + intent.id() + " is " + intent.status() + " past the payment window")))
                // Cannot say, or the PSP refused to cancel (the intent succeeded meanwhile): the next round asks again.
                .onFailure().recoverWithUni(failure -> retryLater(payment, "ending the intent past the payment window failed: " + failure));
    }

    /** The PSP refused to create the intent at all ({@code code}: Stripe's error code): nothing exists there, the payment fails. */
    private Uni<Void> refused(Payment payment, String code) {
        return apply(payment.orderId(), new Settlement(PaymentStatus.FAILED, Optional.empty(), Optional.of(code), Optional.empty()))
                .replaceWithVoid();
    }

    /** The outcome of an intent past the payment window: one canceled here fails for that reason. */
    private static Settlement expired(PaymentStatus outcome, PaymentIntent intent) {
        Settlement settlement = settlement(outcome, intent);
        return intent.canceled() && settlement.declineCode().isEmpty()
                ? new Settlement(outcome, settlement.intentId(), Optional.of(WINDOW_EXPIRED), settlement.tenant())
                : settlement;
    }

    /** The outcome an intent carries, as {@link #apply} takes it. */
    public static Settlement settlement(PaymentStatus outcome, PaymentIntent intent) {
        return new Settlement(outcome, Optional.ofNullable(intent.id()),
                outcome == PaymentStatus.FAILED ? intent.declineCode() : Optional.empty(),
                Optional.ofNullable(intent.metadata().get(PspGateway.METADATA_TENANT)));
    }

    /**
     * Records a final outcome unless the payment already has one (then it stays, whatever
     * this one says), then reports the payment's outcome to orders if orders lacks it.
     */
    public Uni<Applied> apply(UUID orderId, Settlement settlement) {
        // The usual case, the first outcome for a payment that awaits it, is one statement;
        // anything else (no such payment, another intent or tenant, an outcome already there)
        // is told apart under the row's lock.
        return payments.settleOpen(pool, orderId, settlement, config.lease(), leases.holder())
                .flatMap(settled -> settled.isPresent()
                        ? Uni.createFrom().item(Applied.of(Applied.Result.APPLIED, settled.get()))
                        : applyLocked(orderId, settlement))
                .invoke(applied -> {
                    if (applied.result() == Applied.Result.APPLIED) {
                        Payment payment = applied.payment().orElseThrow();
                        metrics.settled(payment);
                        LOG.infof("Payment of order %s %s (intent %s%s)", orderId, payment.status().wire(), payment.intentId(),
                                payment.declineCode() == null ? "" : ", " + payment.declineCode());
                    }
                })
                .flatMap(applied -> applied.result() == Applied.Result.MISMATCH || applied.payment().isEmpty()
                        ? Uni.createFrom().item(applied)
                        : reporter.report(applied.payment().get()).map(applied::reported));
    }

    private Uni<Applied> applyLocked(UUID orderId, Settlement settlement) {
        return pool.withTransaction(conn -> payments.findForUpdate(conn, orderId).flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(new Applied(Applied.Result.UNKNOWN_ORDER, Optional.empty(), ReportOutcome.NOT_NEEDED));
                    }
                    Payment payment = found.get();
                    if (!matches(payment, settlement)) {
                        LOG.warnf("Ignoring outcome %s for order %s: it names intent %s of tenant %s, the payment has intent %s of tenant %s",
                                settlement.status().wire(), orderId, settlement.intentId().orElse("-"), settlement.tenant().orElse("-"),
                                payment.intent().orElse("-"), payment.tenant());
                        return Uni.createFrom().item(Applied.of(Applied.Result.MISMATCH, payment));
                    }
                    if (payment.status().isFinal()) {
                        return Uni.createFrom().item(Applied.of(Applied.Result.ALREADY_FINAL, payment));
                    }
                    // Checked above under the lock: the statement's own checks hold.
                    return payments.settleOpen(conn, orderId, settlement, config.lease(), leases.holder())
                            .map(settled -> Applied.of(Applied.Result.APPLIED, settled.orElseThrow(
                                    () -> new IllegalStateException("payment of order " + orderId + " vanished"))));
                }));
    }

    /** Reports an outcome orders has not accepted yet. */
    public Uni<ReportOutcome> report(Payment payment) {
        return reporter.report(payment);
    }

    /** Gives up creating an intent: past the window a retry could charge again, so a person decides. */
    public Uni<Void> abandon(Payment payment, String reason) {
        LOG.errorf("Giving up creating the intent of order %s: %s; parked for a person", payment.orderId(), reason);
        return payments.park(pool, payment.orderId(), reason)
                .invoke(() -> metrics.abandoned(payment));
    }

    /** The payment of an order, as its tenant sees it: another tenant's is none. */
    public Uni<Optional<Payment>> find(String tenant, UUID orderId) {
        return payments.find(pool, orderId)
                .map(found -> found.filter(payment -> payment.tenant().equals(tenant)));
    }

    private Uni<Void> recordIntent(Payment payment, PaymentIntent intent) {
        return payments.markProcessing(pool, payment.orderId(), intent.id(), config.settleAfter())
                // The payment left creating meanwhile (its outcome came first): only a check that it is the same intent.
                .invoke(recorded -> recorded
                        .filter(found -> !found.marked() && !Objects.equals(found.intentId(), intent.id()))
                        .ifPresent(found -> LOG.errorf("Order %s has intent %s, the PSP answered with %s for its Idempotency-Key",
                                payment.orderId(), found.intentId(), intent.id())))
                .replaceWithVoid();
    }

    private Uni<Void> retryLater(Payment payment, String reason) {
        return payments.retryLater(pool, payment.orderId(), config.retry().initial(), config.retry().max(), reason);
    }

    private static boolean matches(Payment payment, Settlement settlement) {
        boolean sameIntent = payment.intentId() == null || settlement.intentId().isEmpty()
                || payment.intentId().equals(settlement.intentId().get());
        boolean sameTenant = settlement.tenant().map(payment.tenant()::equals).orElse(true);
        return sameIntent && sameTenant;
    }
}
