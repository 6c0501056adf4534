package io.bookstore.kit.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.events.OrderPaid;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A service's consumer as the kit expects it, for the kit's own tests: it acts on
 * {@code order.paid} and records each order in {@code paid_orders}, waiting at most
 * {@value #LOCK_TIMEOUT} for a row lock. The payment id steers it: {@code fail-twice} fails
 * the first two tries of the work for a passing reason, {@code refused} fails the work for
 * a reason the handler calls poison, {@code refused-by-database} breaks a CHECK constraint of
 * {@code paid_orders}, {@code slow-first-try} sleeps in the database on its first try (for a
 * test to kill that connection), {@code fail-after-commit} fails the first try of the
 * after-commit step, signalled from a thread of its own as a client library would. It
 * remembers, per event, where each try of the work and of the after-commit step ran.
 */
@ApplicationScoped
public class PaidOrdersConsumer implements CloudEventHandler<OrderPaid, PaidOrdersConsumer.Paid, UUID> {

    static final String FAIL_TWICE = "fail-twice";
    static final String REFUSED = "refused";
    static final String FAIL_AFTER_COMMIT = "fail-after-commit";
    static final String REFUSED_BY_DATABASE = "refused-by-database";
    static final String SLOW_FIRST_TRY = "slow-first-try";
    static final String LOCK_TIMEOUT = "300ms";

    /** Where one try of the work ran: the Vert.x context and the MDC tenant. */
    record Attempt(Context context, Object mdcTenant) {
    }

    record Paid(UUID eventId, UUID orderId, String tenant, String paymentId) {
    }

    private final CloudEventConsumer consumer;
    private final Map<String, ObjectReader> payloadReaders;
    private final Map<UUID, List<Attempt>> attempts = new ConcurrentHashMap<>();
    private final Map<UUID, List<Attempt>> committed = new ConcurrentHashMap<>();
    private final ExecutorService clientThread = Executors.newSingleThreadExecutor();

    public PaidOrdersConsumer(CloudEventConsumer consumer, ObjectMapper mapper) {
        this.consumer = consumer;
        this.payloadReaders = Map.of(EventTypes.ORDER_PAID, mapper.readerFor(OrderPaid.class));
    }

    @PreDestroy
    void stop() {
        clientThread.shutdown();
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(record, payloadReaders, this);
    }

    @Override
    public Paid read(CloudEventEnvelope envelope, OrderPaid paid) {
        return new Paid(envelope.id(), paid.orderId(), envelope.tenant(), paid.paymentId());
    }

    @Override
    public Uni<UUID> apply(SqlConnection conn, Paid paid) {
        List<Attempt> tries = record(attempts, paid);
        Uni<Void> first = conn.query("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'").execute().replaceWithVoid();
        if (SLOW_FIRST_TRY.equals(paid.paymentId()) && tries.size() == 1) {
            first = first.flatMap(ignored -> conn.query("SELECT pg_sleep(60)").execute().replaceWithVoid());
        }
        // The row is written first, so a failure after it shows that the transaction rolls it back.
        Uni<UUID> insert = first.flatMap(ignored -> conn.preparedQuery("INSERT INTO paid_orders (order_id, tenant, payment_id) VALUES ($1, $2, $3)")
                .execute(Tuple.of(paid.orderId(), paid.tenant(), paid.paymentId())))
                .replaceWith(paid.orderId());
        if (REFUSED.equals(paid.paymentId())) {
            return insert.flatMap(ignored -> Uni.createFrom().failure(new RefusedException(paid.orderId())));
        }
        if (FAIL_TWICE.equals(paid.paymentId()) && tries.size() <= 2) {
            return insert.flatMap(ignored -> Uni.createFrom().failure(new IllegalStateException("the database is away")));
        }
        return insert;
    }

    @Override
    public Optional<String> poisonReason(Throwable failure) {
        return failure instanceof RefusedException ? Optional.of(failure.getMessage()) : Optional.empty();
    }

    @Override
    public Uni<Void> committed(Paid paid, UUID orderId) {
        List<Attempt> tries = record(committed, paid);
        if (FAIL_AFTER_COMMIT.equals(paid.paymentId()) && tries.size() == 1) {
            return Uni.createFrom().<Void>failure(new IllegalStateException("the PSP is away")).emitOn(clientThread);
        }
        return Uni.createFrom().voidItem();
    }

    /** The tries of the event's work. */
    List<Attempt> attempts(UUID eventId) {
        return attempts.getOrDefault(eventId, List.of());
    }

    /** The tries of the event's after-commit step. */
    List<Attempt> committed(UUID eventId) {
        return committed.getOrDefault(eventId, List.of());
    }

    private static List<Attempt> record(Map<UUID, List<Attempt>> tries, Paid paid) {
        List<Attempt> ofEvent = tries.computeIfAbsent(paid.eventId(), id -> new CopyOnWriteArrayList<>());
        ofEvent.add(new Attempt(Vertx.currentContext(), MDC.get(CloudEventConsumer.MDC_TENANT)));
        return ofEvent;
    }

    /** A failure the handler knows no retry can fix. */
    static class RefusedException extends RuntimeException {

        RefusedException(UUID orderId) {
            super("order " + orderId + " is refused for good");
        }
    }
}
