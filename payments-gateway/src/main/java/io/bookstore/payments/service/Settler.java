package io.bookstore.payments.service;

import io.bookstore.contracts.Spans;
import io.bookstore.payments.client.PspGateway;
import io.bookstore.payments.config.PaymentsConfig;
import io.bookstore.payments.domain.DuePayment;
import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.repository.PaymentRepository;
import io.bookstore.telemetry.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finishes what the first try did not, on a timer: creates intents the PSP could not take
 * (same Idempotency-Key), polls intents whose webhook did not come within
 * {@code bookstore.payments.settle-after}, ends payments whose window has passed, and reports
 * outcomes orders has not accepted.
 *
 * <p>Several replicas may run: a round claims due payments with {@code FOR UPDATE SKIP
 * LOCKED} and a lease in one short transaction, then works on them with no transaction
 * open. Nothing here blocks the event loop. Each payment is worked on in a Vert.x context of
 * its own, inside a span that continues the checkout's trace from the stored trace context.
 */
@ApplicationScoped
public class Settler {

    private static final Logger LOG = Logger.getLogger(Settler.class);
    private static final String MDC_TENANT = "tenant";

    private final PaymentsConfig config;
    private final Vertx vertx;
    private final Pool pool;
    private final PaymentRepository payments;
    private final PaymentService service;
    private final TraceContexts traces;
    private final Tracer tracer;
    private final PaymentLeases leases;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public Settler(PaymentsConfig config, Vertx vertx, Pool pool, PaymentRepository payments, PaymentService service,
                   TraceContexts traces, Tracer tracer, PaymentLeases leases) {
        this.config = config;
        this.leases = leases;
        this.vertx = vertx;
        this.pool = pool;
        this.payments = payments;
        this.service = service;
        this.traces = traces;
        this.tracer = tracer;
    }

    void start(@Observes StartupEvent event) {
        requireSane(config);
        // Before the first round: what a dead process of this replica held is due at once, not after its lease.
        leases.takeBackFromPredecessors().subscribe().with(
                taken -> {
                    if (taken > 0) {
                        LOG.infof("Replica %s took back %d payments its previous process held leases on", leases.replicaId().orElseThrow(), taken);
                        wake();
                    }
                },
                failure -> LOG.warnf("Could not take back the payments an earlier process of this replica held (%s); they are due"
                        + " when their lease ends", failure.toString()));
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        LOG.infof("Settler started: every %s, webhooks awaited %s, lease %s, retries %s..%s, payment window %s",
                config.pollInterval(), config.settleAfter(), config.lease(), config.retry().initial(), config.retry().max(), config.window());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Starts a round unless one is running; a payment left over waits for the next. */
    void wake() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        round().subscribe().with(
                worked -> running.set(false),
                failure -> {
                    running.set(false);
                    LOG.warnf("Settler round failed (%s); payments it claimed, if any, are retried after their lease", failure.toString());
                });
    }

    /** Claims the due payments and works on them one after the other; returns how many. */
    Uni<Integer> round() {
        return payments.claimDue(pool, config.batchSize(), config.lease(), config.creationWindow(), leases.holder())
                .onItem().transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem().transformToUniAndConcatenate(due -> onOwnContext(due)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Settling order %s failed (%s); retried after its lease", due.payment().orderId(), failure.toString());
                            return null;
                        }))
                .collect().asList()
                .map(List::size);
    }

    /** The step a claimed payment is due for; whether its window has passed is the database's judgement at the claim. */
    private Uni<Void> settle(DuePayment due) {
        Payment payment = due.payment();
        return switch (payment.status()) {
            case CREATING -> {
                if (!due.windowPassed()) {
                    yield service.createIntent(payment);
                }
                yield due.keyMayBeForgotten()
                        ? service.abandon(payment, "no intent known within " + config.creationWindow() + "; last error: " + payment.lastError())
                        : service.expireCreation(payment);
            }
            case PROCESSING -> due.windowPassed() ? service.expireIntent(payment) : service.poll(payment);
            case SUCCEEDED, FAILED -> service.report(payment).replaceWithVoid();
        };
    }

    /**
     * Runs the work on a new duplicated Vert.x context: the trace context and MDC made current
     * here follow every asynchronous step of this payment, and of no other.
     */
    private Uni<Void> onOwnContext(DuePayment due) {
        Payment payment = due.payment();
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            context.runOnContext(ignored -> {
                Span span = tracer.spanBuilder(Spans.SETTLE_PAYMENT)
                        .setSpanKind(SpanKind.INTERNAL)
                        .setParent(traces.extract(payment.traceContext()))
                        .setAttribute(Spans.PAYMENT_STATUS, payment.status().wire())
                        .startSpan();
                Scope scope = span.makeCurrent();
                MDC.put(MDC_TENANT, payment.tenant());
                settle(due)
                        .onTermination().invoke((item, failure, cancelled) -> {
                            if (failure != null) {
                                span.setStatus(StatusCode.ERROR, failure.toString());
                            }
                            span.end();
                            MDC.remove(MDC_TENANT);
                            scope.close();
                        })
                        .subscribe().with(emitter::complete, emitter::fail);
            });
        });
    }

    private static void requireSane(PaymentsConfig config) {
        if (config.lease().compareTo(PspGateway.LONGEST_CALL) <= 0) {
            throw new IllegalStateException("bookstore.payments.lease (" + config.lease() + ") must exceed the longest PSP call ("
                    + PspGateway.LONGEST_CALL + "), or two replicas could work on one payment at once");
        }
        if (config.window().compareTo(config.lease()) <= 0 || config.window().compareTo(config.creationWindow()) >= 0) {
            throw new IllegalStateException("bookstore.payments.window (" + config.window() + ") must exceed the lease ("
                    + config.lease() + ") and stay below creation-window (" + config.creationWindow()
                    + "), within which the PSP still knows the order's Idempotency-Key");
        }
        if (config.batchSize() < 1 || config.pollInterval().toMillis() < 1) {
            throw new IllegalStateException("bookstore.payments.batch-size and poll-interval must be positive");
        }
        if (config.retry().initial().toMillis() < 1 || config.retry().max().compareTo(config.retry().initial()) < 0) {
            throw new IllegalStateException("bookstore.payments.retry.initial must be positive and at most retry.max");
        }
    }
}
