package io.bookstore.payments.repository;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.payments.domain.DuePayment;
import io.bookstore.payments.domain.NewPayment;
import io.bookstore.payments.domain.Payment;
import io.bookstore.payments.domain.PaymentStatus;
import io.bookstore.payments.domain.Settlement;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code payments} table. Times are the database's ({@code now()}), never this
 * process's clock, so that replicas on several machines agree on what is due.
 *
 * <p>Each method is one statement. Given the pool, it commits on its own: one round trip,
 * where a transaction of its own would add a {@code BEGIN} and a {@code COMMIT}; given a
 * connection in a transaction, it is part of that.
 */
@ApplicationScoped
public class PaymentRepository {

    /** The statuses the settler still has work for, besides final outcomes not yet reported. */
    private static final String DUE = """
            next_attempt_at <= now() AND (status IN ('creating', 'processing') OR order_status_reported IS NULL)""";

    /** {@code min(initial × 2^attempts, max)} with {@code initial} as $3 and {@code max} as $4, in milliseconds. */
    private static final String BACK_OFF =
            "LEAST($4::bigint, $3::bigint * power(2, LEAST(attempts, 30))::bigint) * interval '1 millisecond'";

    /**
     * Inserts a {@code creating} payment unless the order already has one; returns it when
     * this call inserted it. It becomes due for the settler after {@code dueAfter}, in case
     * this process dies before the intent is created, and must end within {@code window};
     * {@code holder} holds that lease.
     */
    public Uni<Optional<Payment>> insertIfAbsent(SqlClient client, NewPayment payment, Duration dueAfter, Duration window,
                                                 String holder) {
        return client.preparedQuery("""
                        INSERT INTO payments (order_id, tenant, amount_cents, currency, payment_method, status,
                                              trace_context, next_attempt_at, deadline, leased_by)
                        VALUES ($1, $2, $3, $4, $5, 'creating', $6, now() + $7::bigint * interval '1 millisecond',
                                now() + $8::bigint * interval '1 millisecond', $9)
                        ON CONFLICT (order_id) DO NOTHING
                        RETURNING *""")
                .execute(Tuple.from(List.of(payment.orderId(), payment.tenant(), payment.amountCents(), payment.currency(),
                        payment.paymentMethod(), new JsonObject(new LinkedHashMap<>(payment.traceContext())), dueAfter.toMillis(),
                        window.toMillis(), holder)))
                .map(PaymentRepository::first);
    }

    public Uni<Optional<Payment>> find(SqlClient client, UUID orderId) {
        return client.preparedQuery("SELECT * FROM payments WHERE order_id = $1")
                .execute(Tuple.of(orderId))
                .map(PaymentRepository::first);
    }

    /** Reads the payment and locks it until the transaction ends: outcomes are applied one at a time. */
    public Uni<Optional<Payment>> findForUpdate(SqlClient client, UUID orderId) {
        return client.preparedQuery("SELECT * FROM payments WHERE order_id = $1 FOR UPDATE")
                .execute(Tuple.of(orderId))
                .map(PaymentRepository::first);
    }

    /**
     * Records the intent of a {@code creating} payment and waits {@code settleAfter} for its
     * webhook, but not past the payment's deadline. When the payment had left {@code creating}
     * meanwhile (its webhook came first, as it often does), nothing changes and the answer says
     * which intent the payment has: in one statement either way. Empty when there is no such payment.
     */
    public Uni<Optional<IntentRecorded>> markProcessing(SqlClient client, UUID orderId, String intentId, Duration settleAfter) {
        return client.preparedQuery("""
                        WITH marked AS (
                            UPDATE payments
                            SET status = 'processing', intent_id = $2, attempts = 0, last_error = NULL, leased_by = NULL,
                                next_attempt_at = LEAST(now() + $3::bigint * interval '1 millisecond', deadline), updated_at = now()
                            WHERE order_id = $1 AND status = 'creating'
                            RETURNING intent_id)
                        SELECT true AS marked, intent_id FROM marked
                        UNION ALL
                        SELECT false, intent_id FROM payments WHERE order_id = $1 AND NOT EXISTS (SELECT FROM marked)""")
                .execute(Tuple.of(orderId, intentId, settleAfter.toMillis()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(IntentRecorded.of(rows.iterator().next())));
    }

    /** What {@link #markProcessing} did: marked the payment {@code processing}, or found it past that, with this intent. */
    public record IntentRecorded(boolean marked, String intentId) {

        private static IntentRecorded of(Row row) {
            return new IntentRecorded(row.getBoolean("marked"), row.getString("intent_id"));
        }
    }

    /**
     * Writes a final outcome in one statement when the payment awaits one ({@code creating} or
     * {@code processing}) and the outcome is for it: the same intent (or none known on either
     * side) and the same tenant (when the outcome names one), the checks of a locked read and
     * the write in one. Empty when any of that does not hold, or there is no such payment.
     * Two outcomes at once wait for each other on the row, and the second finds it final. The
     * outcome is due for reporting after {@code reportAfter}: the caller reports it at once, the
     * settler only if that did not work out; {@code holder} holds that lease.
     */
    public Uni<Optional<Payment>> settleOpen(SqlClient client, UUID orderId, Settlement settlement, Duration reportAfter,
                                             String holder) {
        return client.preparedQuery("""
                        UPDATE payments
                        SET status = $2, intent_id = COALESCE(intent_id, $3), decline_code = $4, attempts = 0,
                            last_error = NULL, next_attempt_at = now() + $5::bigint * interval '1 millisecond', updated_at = now(),
                            leased_by = $7
                        WHERE order_id = $1 AND status IN ('creating', 'processing')
                          AND (intent_id IS NULL OR $3::text IS NULL OR intent_id = $3)
                          AND ($6::text IS NULL OR tenant = $6)
                        RETURNING *""")
                // Arrays.asList: the optional values may be null, which List.of refuses.
                .execute(Tuple.from(Arrays.asList(orderId, settlement.status().wire(), settlement.intentId().orElse(null),
                        settlement.declineCode().orElse(null), reportAfter.toMillis(), settlement.tenant().orElse(null), holder)))
                .map(PaymentRepository::first);
    }

    public Uni<Void> markReported(SqlClient client, UUID orderId, OrderStatus reported) {
        return client.preparedQuery("""
                        UPDATE payments
                        SET order_status_reported = $2, attempts = 0, last_error = NULL, leased_by = NULL, updated_at = now()
                        WHERE order_id = $1""")
                .execute(Tuple.of(orderId, reported.wire()))
                .replaceWithVoid();
    }

    /**
     * The current step failed for a passing reason: try again after
     * {@code min(initial × 2^attempts, max)}, counting this try. A payment without an outcome
     * is due at its deadline at the latest, so that the window is kept however long the back-off.
     */
    public Uni<Void> retryLater(SqlClient client, UUID orderId, Duration initial, Duration max, String error) {
        return client.preparedQuery("""
                        UPDATE payments
                        SET attempts = attempts + 1, last_error = $2, leased_by = NULL,
                            next_attempt_at = CASE WHEN status IN ('creating', 'processing') AND deadline > now()
                                THEN LEAST(deadline, now() + %1$s) ELSE now() + %1$s END
                        WHERE order_id = $1""".formatted(BACK_OFF))
                .execute(Tuple.of(orderId, truncate(error), initial.toMillis(), max.toMillis()))
                .replaceWithVoid();
    }

    /** Takes the payment off the settler for good: retrying cannot help, a person has to look ({@code last_error} says why). */
    public Uni<Void> park(SqlClient client, UUID orderId, String error) {
        return client.preparedQuery("""
                        UPDATE payments SET last_error = $2, next_attempt_at = 'infinity', leased_by = NULL, updated_at = now()
                        WHERE order_id = $1""")
                .execute(Tuple.of(orderId, truncate(error)))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due payments for {@code lease}: rows another replica is
     * claiming right now are skipped, and a claimed row is not due again until the lease ends.
     * Whether a payment's window or its Idempotency-Key's {@code keyWindow} has passed is the
     * database's judgement, in the same statement. The due rows are chosen once, in a
     * MATERIALIZED CTE: a subquery joined in may be run again per payment row by the planner.
     * {@code holder} holds the leases.
     */
    public Uni<List<DuePayment>> claimDue(SqlClient client, int limit, Duration lease, Duration keyWindow, String holder) {
        return client.preparedQuery("""
                        WITH due AS MATERIALIZED (
                            SELECT order_id FROM payments WHERE %s
                            ORDER BY next_attempt_at LIMIT $1::int FOR UPDATE SKIP LOCKED)
                        UPDATE payments p SET next_attempt_at = now() + $2::bigint * interval '1 millisecond', leased_by = $4
                        FROM due
                        WHERE p.order_id = due.order_id
                        RETURNING p.*, now() >= p.deadline AS window_passed,
                                  now() >= p.created_at + $3::bigint * interval '1 millisecond' AS key_may_be_forgotten""".formatted(DUE))
                .execute(Tuple.of(limit, lease.toMillis(), keyWindow.toMillis(), holder))
                .map(rows -> {
                    List<DuePayment> payments = new ArrayList<>(rows.size());
                    rows.forEach(row -> payments.add(new DuePayment(payment(row), row.getBoolean("window_passed"),
                            row.getBoolean("key_may_be_forgotten"))));
                    return payments;
                });
    }

    /**
     * Makes due now every payment whose lease another process of {@code replicaId} holds (any
     * holder {@code replicaId/…} but {@code holder}): one process runs under a replica id at a
     * time, so that process is dead. A parked payment stays parked. How many.
     */
    public Uni<Integer> makeDueLeasesOfPredecessors(SqlClient client, String replicaId, String holder) {
        return client.preparedQuery("""
                        UPDATE payments SET next_attempt_at = now(), leased_by = NULL
                        WHERE left(leased_by, length($1) + 1) = $1 || '/' AND leased_by <> $2
                          AND next_attempt_at > now() AND next_attempt_at <> 'infinity'""")
                .execute(Tuple.of(replicaId, holder))
                .map(RowSet::rowCount);
    }

    private static Optional<Payment> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(payment(rows.iterator().next()));
    }

    private static Payment payment(Row row) {
        String reported = row.getString("order_status_reported");
        return new Payment(
                row.getUUID("order_id"),
                row.getString("tenant"),
                row.getLong("amount_cents"),
                row.getString("currency"),
                row.getString("payment_method"),
                PaymentStatus.fromWire(row.getString("status")),
                row.getString("intent_id"),
                row.getString("decline_code"),
                traceContext(row.getJsonObject("trace_context")),
                row.getInteger("attempts"),
                row.getString("last_error"),
                reported == null ? null : OrderStatus.fromWire(reported).orElseThrow(),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    private static Map<String, String> traceContext(JsonObject json) {
        Map<String, String> context = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(entry -> context.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return context;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }
}
