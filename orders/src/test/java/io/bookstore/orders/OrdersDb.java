package io.bookstore.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the service's database over JDBC, as a person inspecting it would. */
public final class OrdersDb {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** Row counts of the tables a request can write. */
    public record Counts(long orders, long lines, long outbox) {
    }

    public record OutboxRow(UUID eventId, UUID aggregateId, long version, String eventType, String tenant,
            JsonNode payload, JsonNode traceContext, java.time.Instant occurredAt) {
    }

    private OrdersDb() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
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

    /** The order's outbox rows, oldest version first. */
    public static List<OutboxRow> outbox(UUID orderId) {
        String sql = """
                SELECT event_id, aggregate_id, version, event_type, tenant, payload::text, trace_context::text, occurred_at
                FROM outbox WHERE aggregate_id = ? ORDER BY version""";
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, orderId);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(
                            result.getObject(1, UUID.class),
                            result.getObject(2, UUID.class),
                            result.getLong(3),
                            result.getString(4),
                            result.getString(5),
                            JSON.readTree(result.getString(6)),
                            JSON.readTree(result.getString(7)),
                            result.getTimestamp(8).toInstant()));
                }
            }
            return rows;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
