package io.bookstore.catalog;

import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The catalog tests' database: a fresh one per test run (testkit), read and prepared over
 * JDBC so that assertions see what is committed, not what the service says.
 */
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "bookstore_catalog"),
        restrictToAnnotatedClass = false)
public final class TestDatabase {

    /** Effective Java, 3rd edition: seeded, and only ever read by the tests. */
    public static final String EFFECTIVE_JAVA = "978-0-13-468599-1";

    private static final AtomicInteger NEXT_BOOK = new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000_000));

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    /** Inserts a book of its own for one test, so that tests never share stock; returns its hyphenated ISBN. */
    public static String newBook(int stock) {
        String isbn = randomIsbn();
        try (Connection conn = connect();
             PreparedStatement insert = conn.prepareStatement(
                     "INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES (?, ?, ?, ?, 'USD', ?)")) {
            insert.setString(1, isbn);
            insert.setString(2, "Test Book " + isbn);
            insert.setString(3, "Test Author");
            insert.setLong(4, 2500);
            insert.setInt(5, stock);
            insert.executeUpdate();
            return isbn;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int stock(String isbn) {
        return queryInt("SELECT stock FROM books WHERE isbn = ?", isbn).orElseThrow();
    }

    public static Optional<String> reservationStatus(UUID orderId) {
        try (Connection conn = connect();
             PreparedStatement query = conn.prepareStatement("SELECT status FROM reservations WHERE order_id = ?")) {
            query.setObject(1, orderId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** isbn → qty of the lines recorded for an order. */
    public static Map<String, Integer> reservationLines(UUID orderId) {
        try (Connection conn = connect();
             PreparedStatement query = conn.prepareStatement("SELECT isbn, qty FROM reservation_lines WHERE order_id = ? ORDER BY isbn")) {
            query.setObject(1, orderId);
            Map<String, Integer> lines = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lines.put(rows.getString(1), rows.getInt(2));
                }
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many times an event id was recorded as applied (0 or 1: it is the primary key). */
    public static int processedEvents(UUID eventId) {
        try (Connection conn = connect();
             PreparedStatement query = conn.prepareStatement("SELECT count(*)::int FROM processed_events WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int reservationsOf(String isbn) {
        return queryInt("SELECT count(*)::int FROM reservation_lines WHERE isbn = ?", isbn).orElseThrow();
    }

    private static Optional<Integer> queryInt(String sql, String parameter) {
        try (Connection conn = connect(); PreparedStatement query = conn.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 979-8 ISBN (no seeded book uses that prefix) with a valid check digit. */
    private static String randomIsbn() {
        String eight = "%08d".formatted(NEXT_BOOK.getAndIncrement() % 100_000_000);
        String group = eight.substring(0, 5);
        String item = eight.substring(5);
        String twelve = "9798" + group + item;
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return "979-8-" + group + "-" + item + "-" + (10 - sum % 10) % 10;
    }
}
