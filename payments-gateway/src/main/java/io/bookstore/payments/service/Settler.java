package io.bookstore.payments.service;

import io.bookstore.contracts.Spans;
import io.bookstore.payments.config.PaymentsConfig;
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

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finishes what the first try did not, on a timer: creates intents the PSP could not take
 * (same Idempotency-Key), polls intents whose webhook did not come within
 * {@code bookstore.payments.settle-after}, and reports outcomes orders has not accepted.
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
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public Settler(PaymentsConfig config, Vertx vertx, Pool pool, PaymentRepository payments, PaymentService service,
                   TraceContexts traces, Tracer tracer) {
        this.config = config;
        this.vertx = vertx;
        this.pool = pool;
        this.payments = payments;
        this.service = service;
        this.traces = traces;
        this.tracer = tracer;
    }

    void start(@Observes StartupEvent event) {
        requireSane(config);
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
        LOG.infof("Settler started: every %s, webhooks awaited %s, lease %s, retries %s..%s",
                config.pollInterval(), config.settleAfter(), config.lease(), config.retry().initial(), config.retry().max());
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
        return pool.withTransaction(conn -> payments.claimDue(conn, config.batchSize(), config.lease()))
                .onItem().transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem().transformToUniAndConcatenate(payment -> onOwnContext(payment)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Settling order %s failed (%s); retried after its lease", payment.orderId(), failure.toString());
                            return null;
                        }))
                .collect().asList()
                .map(List::size);
    }

    private Uni<Void> settle(Payment payment) {
        return switch (payment.status()) {
            case CREATING -> {
                OffsetDateTime deadline = payment.createdAt().plus(config.creationWindow());
                yield OffsetDateTime.now().isAfter(deadline)
                        ? service.abandon(payment, "no intent within " + config.creationWindow() + "; last error: " + payment.lastError())
                        : service.createIntent(payment);
            }
            case PROCESSING -> service.poll(payment);
            case SUCCEEDED, FAILED -> service.report(payment).replaceWithVoid();
        };
    }

    /**
     * Runs the work on a new duplicated Vert.x context: the trace context and MDC made current
     * here follow every asynchronous step of this payment, and of no other.
     */
    private Uni<Void> onOwnContext(Payment payment) {
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
                settle(payment)
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
        // The longest PSP call: three attempts of 10 s plus back-off (PspClient); a lease must outlast it.
        Duration longestCall = Duration.ofSeconds(36);
        if (config.lease().compareTo(longestCall) <= 0) {
            throw new IllegalStateException("bookstore.payments.lease (" + config.lease() + ") must exceed the longest PSP call ("
                    + longestCall + "), or two replicas could work on one payment at once");
        }
        if (config.batchSize() < 1 || config.pollInterval().toMillis() < 1) {
            throw new IllegalStateException("bookstore.payments.batch-size and poll-interval must be positive");
        }
        if (config.retry().initial().toMillis() < 1 || config.retry().max().compareTo(config.retry().initial()) < 0) {
            throw new IllegalStateException("bookstore.payments.retry.initial must be positive and at most retry.max");
        }
    }
}
