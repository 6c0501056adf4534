package io.bookstore.storefront;

import io.bookstore.contracts.Isbn;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The downstream services' databases, read and prepared over JDBC: assertions see what
 * catalog and orders committed, not what the storefront says about it.
 */
final class Databases {

    private Databases() {
    }

    /** Inserts a book of the test's own, so that no two tests share stock; returns its hyphenated ISBN. */
    static String newBook(int stock, long priceCents, String currency) {
        String isbn = randomIsbn();
        update("catalog", "INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES (?, ?, ?, ?, ?, ?)",
                isbn, "Test Book " + isbn, "Test Author", priceCents, currency, stock);
        return isbn;
    }

    static String newBook(int stock) {
        return newBook(stock, 2500, "USD");
    }

    static int stock(String isbn) {
        return queryLong("catalog", "SELECT stock FROM books WHERE isbn = ?", isbn).orElseThrow().intValue();
    }

    /** {@code reserved}, {@code sold} or {@code released}; empty when catalog holds nothing for the order. */
    static Optional<String> reservationStatus(UUID orderId) {
        return queryString("catalog", "SELECT status FROM reservations WHERE order_id = ?", orderId);
    }

    /** The status of every reservation that holds or held the book. */
    static List<String> reservationStatusesOf(String isbn) {
        String sql = "SELECT r.status FROM reservations r JOIN reservation_lines l USING (order_id) WHERE l.isbn = ?";
        try (Connection connection = connect("catalog"); PreparedStatement statement = prepare(connection, sql, isbn);
                ResultSet rows = statement.executeQuery()) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
            return statuses;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> orderStatus(UUID orderId) {
        return queryString("orders", "SELECT status FROM orders WHERE id = ?", orderId);
    }

    static long ordersOfTenant(String tenant) {
        return queryLong("orders", "SELECT count(*) FROM orders WHERE tenant = ?", tenant).orElseThrow();
    }

    /** The id of the tenant's first order, once there is one. */
    static Optional<UUID> orderOfTenant(String tenant) {
        return queryString("orders", "SELECT id::text FROM orders WHERE tenant = ? ORDER BY created_at LIMIT 1", tenant)
                .map(UUID::fromString);
    }

    /** The traceparent orders stored with the order's {@code order.created} outbox event. */
    static Optional<String> createdEventTraceparent(UUID orderId) {
        return queryString("orders",
                "SELECT trace_context ->> 'traceparent' FROM outbox WHERE aggregate_id = ? AND event_type = 'order.created'",
                orderId);
    }

    private static String randomIsbn() {
        StringBuilder digits = new StringBuilder("979");
        for (int i = 0; i < 9; i++) {
            digits.append(ThreadLocalRandom.current().nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        digits.append((10 - sum % 10) % 10);
        String isbn = digits.substring(0, 3) + "-" + digits.substring(3, 4) + "-" + digits.substring(4, 9) + "-"
                + digits.substring(9, 12) + "-" + digits.substring(12);
        if (!Isbn.isValid(isbn)) {
            throw new IllegalStateException("generated an invalid ISBN " + isbn);
        }
        return isbn;
    }

    /**
     * Straight through the driver, not {@code DriverManager}: the test classes may live in
     * another class loader than the one that registered the driver.
     */
    private static Connection connect(String service) throws SQLException {
        Config config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getValue("platform.database.username", String.class));
        properties.setProperty("password", config.getOptionalValue("platform.database.password", String.class).orElse(""));
        return new Driver().connect(config.getValue("platform." + service + ".jdbc-url", String.class), properties);
    }

    private static void update(String service, String sql, Object... parameters) {
        try (Connection connection = connect(service); PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Long> queryLong(String service, String sql, Object... parameters) {
        try (Connection connection = connect(service); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> queryString(String service, String sql, Object... parameters) {
        try (Connection connection = connect(service); PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
