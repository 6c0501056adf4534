package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.testkit.JdbcDatabase;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads the service's database over JDBC, as a person inspecting it would. */
public final class OrdersDb {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** Row counts of the tables a request can write. */
    public record Counts(long orders, long lines, long outbox) {
    }

    public record OutboxRow(UUID eventId, UUID aggregateId, long version, String eventType, String tenant,
            JsonNode payload, JsonNode traceContext, Instant occurredAt) {
    }

    private OrdersDb() {
    }

    public static Connection connect() throws SQLException {
        return database().connect();
    }

    public static Counts counts() {
        return new Counts(count("SELECT count(*) FROM orders"), count("SELECT count(*) FROM order_lines"),
                count("SELECT count(*) FROM outbox"));
    }

    public static long ordersWithKey(String tenant, String idempotencyKey) {
        return count("SELECT count(*) FROM orders WHERE tenant = ? AND idempotency_key = ?", tenant, idempotencyKey);
    }

    public static long lines(UUID orderId) {
        return count("SELECT count(*) FROM order_lines WHERE order_id = ?", orderId);
    }

    /** The trace id stored with the order, or {@code null}. */
    public static String traceId(UUID orderId) {
        return database().queryString("SELECT trace_id FROM orders WHERE id = ?", orderId).orElse(null);
    }

    /** The order's outbox rows, oldest version first. */
    public static List<OutboxRow> outbox(UUID orderId) {
        String sql = """
                SELECT event_id, aggregate_id, version, event_type, tenant, payload::text, trace_context::text, occurred_at
                FROM outbox WHERE aggregate_id = ? ORDER BY version""";
        return database().list(sql, row -> {
            try {
                return new OutboxRow(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getLong(3),
                        row.getString(4),
                        row.getString(5),
                        JSON.readTree(row.getString(6)),
                        JSON.readTree(row.getString(7)),
                        row.getTimestamp(8).toInstant());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, orderId);
    }

    /** The database's clock, which orders compares a reservation's deadline with. */
    public static Instant now() {
        return database().first("SELECT now()", row -> row.getTimestamp(1).toInstant()).orElseThrow();
    }

    private static long count(String sql, Object... parameters) {
        return database().count(sql, parameters);
    }

    private static JdbcDatabase database() {
        return JdbcDatabase.ofDatasource();
    }
}
