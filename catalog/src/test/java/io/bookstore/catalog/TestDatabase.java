package io.bookstore.catalog;

import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.JdbcDatabase;
import io.bookstore.testkit.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return database().connect();
    }

    /** Inserts a book of its own for one test, so that tests never share stock; returns its hyphenated ISBN. */
    public static String newBook(int stock) {
        return newBook(stock, 2500, "USD");
    }

    /** {@link #newBook(int)} at a price of its own. */
    public static String newBook(int stock, long priceCents, String currency) {
        String isbn = Isbns.next();
        database().update("INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES (?, ?, ?, ?, ?, ?)",
                isbn, "Test Book " + isbn, "Test Author", priceCents, currency, stock);
        return isbn;
    }

    public static void setPrice(String isbn, long priceCents) {
        database().update("UPDATE books SET price_cents = ? WHERE isbn = ?", priceCents, isbn);
    }

    public static int stock(String isbn) {
        return (int) database().count("SELECT stock FROM books WHERE isbn = ?", isbn);
    }

    public static Optional<String> reservationStatus(UUID orderId) {
        return database().queryString("SELECT status FROM reservations WHERE order_id = ?", orderId);
    }

    public static Instant reservationCreatedAt(UUID orderId) {
        return instant("SELECT created_at FROM reservations WHERE order_id = ?", orderId);
    }

    /** When the reservation last changed: for a released one, when it was released. */
    public static Instant releasedAt(UUID orderId) {
        return instant("SELECT updated_at FROM reservations WHERE order_id = ?", orderId);
    }

    /** Why the reservation was released ({@code expired}, …); empty while it holds or sold its stock. */
    public static Optional<String> releaseReason(UUID orderId) {
        return database().queryString("SELECT release_reason FROM reservations WHERE order_id = ?", orderId);
    }

    /** Whether order.created reached the reservation. */
    public static boolean ordered(UUID orderId) {
        return database().count("SELECT count(*) FROM reservations WHERE order_id = ? AND ordered_at IS NOT NULL", orderId) == 1;
    }

    /** Whether the reaper may release the reservation by now: its expires_at and {@code grace} have passed by the database's clock. */
    public static boolean pastExpiry(UUID orderId, Duration grace) {
        return database().count("SELECT count(*) FROM reservations WHERE order_id = ? AND expires_at + ? * interval '1 millisecond' < now()",
                orderId, grace.toMillis()) == 1;
    }

    /** isbn → qty of the lines recorded for an order. */
    public static Map<String, Integer> reservationLines(UUID orderId) {
        return database().map("SELECT isbn, qty FROM reservation_lines WHERE order_id = ? ORDER BY isbn",
                row -> row.getString(1), row -> row.getInt(2), orderId);
    }

    /** How many times an event id was recorded as applied (0 or 1: it is the primary key). */
    public static int processedEvents(UUID eventId) {
        return (int) database().count("SELECT count(*) FROM processed_events WHERE event_id = ?", eventId);
    }

    public static int reservationsOf(String isbn) {
        return (int) database().count("SELECT count(*) FROM reservation_lines WHERE isbn = ?", isbn);
    }

    private static Instant instant(String sql, Object... parameters) {
        return database().first(sql, row -> row.getTimestamp(1).toInstant(), parameters).orElseThrow();
    }

    private static JdbcDatabase database() {
        return JdbcDatabase.ofDatasource();
    }
}
