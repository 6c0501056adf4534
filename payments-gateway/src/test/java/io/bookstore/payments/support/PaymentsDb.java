package io.bookstore.payments.support;

import io.bookstore.testkit.JdbcDatabase;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The gateway's database (and orders' outbox) as the tests read them, over JDBC. */
public final class PaymentsDb {

    private PaymentsDb() {
    }

    /** The payment row of the order, column by column. */
    public static Optional<Map<String, Object>> payment(UUID orderId) {
        return payments().rows("SELECT * FROM payments WHERE order_id = ?", orderId).stream().findFirst();
    }

    public static long processedEvents(UUID eventId) {
        return payments().count("SELECT count(*) FROM processed_events WHERE event_id = ?", eventId);
    }

    /** A payment waiting for its webhook, written directly: the settler leaves it alone for an hour. */
    public static void insertProcessing(Services.Order order, String intentId) {
        insertProcessing(order, intentId, "now() + interval '1 hour'", "now() + interval '2 hours'");
    }

    /**
     * A payment waiting for its webhook, written directly, due for the settler and ending at
     * the given SQL expressions: times of the database's clock, such as {@code now() - interval '1 second'}.
     */
    public static void insertProcessing(Services.Order order, String intentId, String nextAttemptAt, String deadline) {
        payments().update("""
                INSERT INTO payments (order_id, tenant, amount_cents, currency, payment_method, status, intent_id,
                                      next_attempt_at, deadline)
                VALUES (?, ?, ?, ?, ?, 'processing', ?, %s, %s)""".formatted(nextAttemptAt, deadline),
                order.id(), order.tenant(), order.totalCents(), order.currency(), order.paymentMethod(), intentId);
    }

    /**
     * A payment just registered by a process that then died before creating its intent,
     * written directly, in a trace of its own as the order event's would be: {@code holder}
     * holds its lease, which ends in an hour.
     */
    public static void insertCreatingLeasedBy(Services.Order order, String holder) {
        payments().update("""
                INSERT INTO payments (order_id, tenant, amount_cents, currency, payment_method, status,
                                      trace_context, next_attempt_at, deadline, leased_by)
                VALUES (?, ?, ?, ?, ?, 'creating', jsonb_build_object('traceparent', ?::text),
                        now() + interval '1 hour', now() + interval '2 hours', ?)""",
                order.id(), order.tenant(), order.totalCents(), order.currency(), order.paymentMethod(), OrderEvents.traceparent(),
                holder);
    }

    /** Ends the payment's window now, by the database's clock, and makes it due. */
    public static void passWindow(UUID orderId) {
        payments().update("""
                UPDATE payments SET deadline = now() - interval '1 second', next_attempt_at = LEAST(next_attempt_at, now())
                WHERE order_id = ?""", orderId);
    }

    /** The event types of the order's outbox rows at orders, in version order (each is one state change). */
    public static List<String> ordersOutbox(UUID orderId) {
        JdbcDatabase payments = payments();
        JdbcDatabase orders = new JdbcDatabase(Services.config(PaymentsTestResources.ORDERS_JDBC_URL),
                payments.username(), payments.password());
        return orders.list("SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY version",
                row -> row.getString(1), orderId);
    }

    /**
     * Takes the gateway's database away (no new connections, open ones terminated) or gives it
     * back: a real outage for the application, on a server other tests keep using.
     */
    public static void outage(boolean down) {
        JdbcDatabase payments = payments();
        JdbcDatabase server = payments.onDatabase("postgres");
        server.update("ALTER DATABASE " + payments.name() + " ALLOW_CONNECTIONS " + !down);
        if (down) {
            server.rows("SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = ?",
                    payments.name());
        }
    }

    private static JdbcDatabase payments() {
        return JdbcDatabase.ofDatasource();
    }
}
