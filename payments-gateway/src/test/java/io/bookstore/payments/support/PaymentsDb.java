package io.bookstore.payments.support;

import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/** The gateway's database (and orders' outbox) as the tests read them, over JDBC. */
public final class PaymentsDb {

    private PaymentsDb() {
    }

    /** The payment row of the order, column by column. */
    public static Optional<Map<String, Object>> payment(UUID orderId) {
        List<Map<String, Object>> rows = query(paymentsUrl(), "SELECT * FROM payments WHERE order_id = ?", orderId);
        return rows.stream().findFirst();
    }

    public static long processedEvents(UUID eventId) {
        return (long) query(paymentsUrl(), "SELECT count(*) AS n FROM processed_events WHERE event_id = ?", eventId)
                .get(0).get("n");
    }

    /** A payment waiting for its webhook, written directly: the settler leaves it alone for an hour. */
    public static void insertProcessing(Services.Order order, String intentId) {
        execute(paymentsUrl(), """
                INSERT INTO payments (order_id, tenant, amount_cents, currency, payment_method, status, intent_id,
                                      next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'processing', ?, now() + interval '1 hour')""",
                order.id(), order.tenant(), order.totalCents(), order.currency(), order.paymentMethod(), intentId);
    }

    /** The event types of the order's outbox rows at orders, in version order (each is one state change). */
    public static List<String> ordersOutbox(UUID orderId) {
        return query(Services.config(PaymentsTestResources.ORDERS_JDBC_URL),
                "SELECT event_type FROM outbox WHERE aggregate_id = ? ORDER BY version", orderId).stream()
                .map(row -> (String) row.get("event_type"))
                .toList();
    }

    /**
     * Takes the gateway's database away (no new connections, open ones terminated) or gives it
     * back: a real outage for the application, on a server other tests keep using.
     */
    public static void outage(boolean down) {
        String url = paymentsUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        String server = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        execute(server, "ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + !down);
        if (down) {
            query(server, "SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = ?", database);
        }
    }

    private static String paymentsUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    private static List<Map<String, Object>> query(String url, String sql, Object... params) {
        try (Connection connection = connect(url); PreparedStatement statement = prepare(connection, sql, params);
             ResultSet rows = statement.executeQuery()) {
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnName(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static void execute(String url, String sql, Object... params) {
        try (Connection connection = connect(url); PreparedStatement statement = prepare(connection, sql, params)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    /** Straight through the driver: DriverManager refuses a driver another Quarkus class loader registered. */
    private static Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class));
        ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> properties.setProperty("password", password));
        return new Driver().connect(url, properties);
    }
}
