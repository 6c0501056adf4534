package io.bookstore.orders.service;

import io.bookstore.orders.domain.CreatedOrder;
import io.bookstore.orders.domain.IdempotencyKeyReusedException;
import io.bookstore.orders.domain.InvalidTransitionException;
import io.bookstore.orders.domain.NewOrder;
import io.bookstore.orders.domain.Order;
import io.bookstore.orders.domain.OrderIdTakenException;
import io.bookstore.orders.domain.OrderNotFoundException;
import io.bookstore.orders.domain.OrderStateMachine;
import io.bookstore.orders.domain.ReservationExpiredException;
import io.bookstore.orders.domain.StatusChange;
import io.bookstore.orders.events.OrderEvents;
import io.bookstore.orders.repository.OrderRepository;
import io.bookstore.orders.repository.CommitNotifier;
import io.bookstore.orders.repository.OutboxRepository;
import io.bookstore.telemetry.TraceContexts;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates orders and moves them through {@link OrderStateMachine}. Every state change and
 * its outbox row commit in one transaction; the notifications and the metric follow the commit.
 */
@ApplicationScoped
public class OrderService {

    private final Pool pool;
    private final OrderRepository orders;
    private final OutboxRepository outbox;
    private final CommitNotifier notifier;
    private final OrderEvents events;
    private final TraceContexts traceContexts;
    private final OrderMetrics metrics;
    private final StatusChangeWaiters waiters;

    public OrderService(Pool pool, OrderRepository orders, OutboxRepository outbox, CommitNotifier notifier,
            OrderEvents events, TraceContexts traceContexts, OrderMetrics metrics, StatusChangeWaiters waiters) {
        this.pool = pool;
        this.orders = orders;
        this.outbox = outbox;
        this.notifier = notifier;
        this.events = events;
        this.traceContexts = traceContexts;
        this.metrics = metrics;
        this.waiters = waiters;
    }

    /**
     * Creates a pending order, or returns the order an earlier request with the same
     * tenant and Idempotency-Key created. With a {@code reservationDeadline} (the
     * {@code expires_at} of the stock reservation made for the order), no order is created
     * once it has passed by this database's clock; a replay is still answered. The order keeps
     * the trace id of the current span (the request's), so that its checkout's trace can be found.
     *
     * @throws IdempotencyKeyReusedException (as the failure) when the key was used with a different request
     * @throws OrderIdTakenException (as the failure) when the chosen order id is taken and the key does not replay it
     * @throws ReservationExpiredException (as the failure) when the deadline has passed and the key replays no order
     */
    public Uni<CreatedOrder> create(NewOrder order, Optional<String> idempotencyKey, Optional<Instant> reservationDeadline) {
        Map<String, String> traceContext = traceContexts.current();
        String traceId = currentTraceId();
        String requestHash = RequestHash.of(order);
        UUID id = order.orderId().orElseGet(UUID::randomUUID);
        return pool.withTransaction(connection -> orders
                        .insert(connection, id, order, idempotencyKey.orElse(null), requestHash, reservationDeadline.orElse(null),
                                traceId)
                        .flatMap(inserted -> inserted.isPresent()
                                ? outbox.insert(connection, events.created(inserted.get(), traceContext))
                                        .replaceWith(new CreatedOrder(inserted.get(), false))
                                : replay(connection, order.tenant(), id, idempotencyKey, requestHash)
                                        .onFailure(OrderIdTakenException.class)
                                        .recoverWithUni(taken -> refusal(connection, reservationDeadline, taken))))
                .invoke(created -> {
                    if (!created.replayed()) {
                        notifier.created();
                        metrics.entered(created.order());
                    }
                });
    }

    /** @throws OrderNotFoundException (as the failure) when the tenant has no such order */
    public Uni<Order> find(String tenant, UUID id) {
        return pool.withConnection(connection -> orders.find(connection, tenant, id))
                .map(found -> found.orElseThrow(() -> new OrderNotFoundException(id.toString())));
    }

    /**
     * The tenant's order once it is final, or as it is when its status changed or {@code wait}
     * ran out, whichever comes first; at once when it is final already or {@code wait} is zero.
     * A change made by any replica ends the wait ({@link StatusChangeWaiters}).
     *
     * @throws OrderNotFoundException (as the failure) when the tenant has no such order
     */
    public Uni<Order> find(String tenant, UUID id, Duration wait) {
        if (wait.isZero()) {
            return find(tenant, id);
        }
        StatusChangeWaiters.Waiter waiter = waiters.register(id);
        return find(tenant, id)
                .flatMap(order -> order.status().isFinal()
                        ? Uni.createFrom().item(order)
                        : waiter.changedWithin(wait).flatMap(ignored -> find(tenant, id)))
                .eventually(waiter::close);
    }

    /** A page of the tenant's orders, newest first. */
    public Uni<List<Order>> page(String tenant, int limit, int offset) {
        return pool.withConnection(connection -> orders.page(connection, tenant, limit, offset));
    }

    /**
     * Applies a payment outcome. The common case, a pending order, is one {@code UPDATE} and
     * the outbox row's insert; a change that matched nothing is told apart under the row lock:
     * a repeat of the change already made returns the order as it is, any other is refused.
     * The row lock makes concurrent changes of one order take turns, so only the first writes
     * a new version and an outbox row.
     *
     * @throws OrderNotFoundException (as the failure) when there is no such order
     * @throws InvalidTransitionException (as the failure) when the order cannot make the change
     */
    public Uni<Order> changeStatus(UUID id, StatusChange change) {
        Map<String, String> traceContext = traceContexts.current();
        return pool.withTransaction(connection -> apply(connection, id, change, traceContext)
                        .flatMap(changed -> changed.isPresent()
                                ? Uni.createFrom().item(changed.get())
                                : unchanged(connection, id, change, traceContext)))
                .invoke(outcome -> {
                    if (outcome.applied()) {
                        notifier.statusChanged(id);
                        metrics.entered(outcome.order());
                    }
                })
                .map(Change::order);
    }

    /** The change and its event, when the order is in a status the change can come from. */
    private Uni<Optional<Change>> apply(SqlConnection connection, UUID id, StatusChange change, Map<String, String> traceContext) {
        return orders.changeStatus(connection, id, change, OrderStateMachine.sourcesOf(change.target()))
                .call(changed -> changed.isPresent()
                        ? outbox.insert(connection, events.statusChanged(changed.get(), traceContext))
                        : Uni.createFrom().voidItem())
                .map(changed -> changed.map(order -> new Change(order, true)));
    }

    /** The change matched nothing: why, from the order as it is, locked. */
    private Uni<Change> unchanged(SqlConnection connection, UUID id, StatusChange change, Map<String, String> traceContext) {
        return orders.findForUpdate(connection, id)
                .map(found -> found.orElseThrow(() -> new OrderNotFoundException(id.toString())))
                .flatMap(current -> switch (OrderStateMachine.decide(current, change)) {
                    case ALREADY_APPLIED -> Uni.createFrom().item(new Change(current, false));
                    // Unreachable while the row is locked: the UPDATE would have matched it.
                    case APPLY -> apply(connection, id, change, traceContext)
                            .map(changed -> changed.orElseThrow(() -> new IllegalStateException("order " + id + " did not change")));
                });
    }

    /**
     * The insert hit a unique constraint: the tenant's key (a replay, or a different request
     * under a used key) or, when the key is unused or absent, the chosen id of another order.
     */
    private Uni<CreatedOrder> replay(SqlConnection connection, String tenant, UUID id, Optional<String> idempotencyKey,
            String requestHash) {
        if (idempotencyKey.isEmpty()) {
            return Uni.createFrom().failure(new OrderIdTakenException(id));
        }
        return orders.findByIdempotencyKey(connection, tenant, idempotencyKey.get())
                .map(found -> found.orElseThrow(() -> new OrderIdTakenException(id)))
                .flatMap(keyed -> {
                    if (!keyed.requestHash().equals(requestHash)) {
                        return Uni.createFrom().failure(new IdempotencyKeyReusedException(idempotencyKey.get()));
                    }
                    return orders.find(connection, tenant, keyed.orderId())
                            .map(found -> new CreatedOrder(found.orElseThrow(), true));
                });
    }

    /**
     * Nothing was inserted and the key replays no order: the reservation's deadline passed,
     * which the caller must hear (its reservation is gone), or else the chosen id is taken.
     */
    private Uni<CreatedOrder> refusal(SqlConnection connection, Optional<Instant> reservationDeadline, Throwable idTaken) {
        Uni<Boolean> passed = reservationDeadline.isPresent()
                ? orders.hasPassed(connection, reservationDeadline.get())
                : Uni.createFrom().item(false);
        return passed.flatMap(expired -> Uni.createFrom().failure(expired
                ? new ReservationExpiredException(reservationDeadline.orElseThrow())
                : idTaken));
    }

    /** The current span's trace id, read on the request's context like its trace context; {@code null} without a span. */
    private static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }

    private record Change(Order order, boolean applied) {
    }
}
