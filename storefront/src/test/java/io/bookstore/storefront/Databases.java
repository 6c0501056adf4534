package io.bookstore.storefront;

import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.JdbcDatabase;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The downstream services' databases, read and prepared over JDBC: assertions see what
 * catalog and orders committed, not what the storefront says about it.
 */
final class Databases {

    private Databases() {
    }

    /** Inserts a book of the test's own, so that no two tests share stock; returns its hyphenated ISBN. */
    static String newBook(int stock, long priceCents, String currency) {
        String isbn = Isbns.next();
        database("catalog").update(
                "INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES (?, ?, ?, ?, ?, ?)",
                isbn, "Test Book " + isbn, "Test Author", priceCents, currency, stock);
        return isbn;
    }

    static String newBook(int stock) {
        return newBook(stock, 2500, "USD");
    }

    /** A new price, as the catalog's owners set it between two attempts of a checkout. */
    static void changePrice(String isbn, long priceCents) {
        database("catalog").update("UPDATE books SET price_cents = ? WHERE isbn = ?", priceCents, isbn);
    }

    static int stock(String isbn) {
        return (int) database("catalog").count("SELECT stock FROM books WHERE isbn = ?", isbn);
    }

    /** {@code reserved}, {@code sold} or {@code released}; empty when catalog holds nothing for the order. */
    static Optional<String> reservationStatus(UUID orderId) {
        return database("catalog").queryString("SELECT status FROM reservations WHERE order_id = ?", orderId);
    }

    /** The status of every reservation that holds or held the book. */
    static List<String> reservationStatusesOf(String isbn) {
        return database("catalog").list(
                "SELECT r.status FROM reservations r JOIN reservation_lines l USING (order_id) WHERE l.isbn = ?",
                row -> row.getString(1), isbn);
    }

    /** Moves the deadline of every reservation of the book into the past, as if its window had passed. */
    static void expireReservationsOf(String isbn) {
        database("catalog").update("""
                UPDATE reservations SET expires_at = now() - interval '1 second'
                WHERE order_id IN (SELECT order_id FROM reservation_lines WHERE isbn = ?)""", isbn);
    }

    static Optional<String> orderStatus(UUID orderId) {
        return database("orders").queryString("SELECT status FROM orders WHERE id = ?", orderId);
    }

    /** Every order of every tenant: for a test that must prove it made none. */
    static long orderCount() {
        return database("orders").count("SELECT count(*) FROM orders");
    }

    static long ordersOfTenant(String tenant) {
        return database("orders").count("SELECT count(*) FROM orders WHERE tenant = ?", tenant);
    }

    /** The id of the tenant's first order, once there is one. */
    static Optional<UUID> orderOfTenant(String tenant) {
        return database("orders").queryString("SELECT id::text FROM orders WHERE tenant = ? ORDER BY created_at LIMIT 1", tenant)
                .map(UUID::fromString);
    }

    /** Makes the order one of those created before orders kept their trace id. */
    static void forgetTraceId(UUID orderId) {
        database("orders").update("UPDATE orders SET trace_id = NULL WHERE id = ?", orderId);
    }

    /** The traceparent orders stored with the order's {@code order.created} outbox event. */
    static Optional<String> createdEventTraceparent(UUID orderId) {
        return database("orders").queryString(
                "SELECT trace_context ->> 'traceparent' FROM outbox WHERE aggregate_id = ? AND event_type = 'order.created'",
                orderId);
    }

    /** The database of a downstream service ({@code catalog}, {@code orders}) the platform resources started. */
    private static JdbcDatabase database(String service) {
        Config config = ConfigProvider.getConfig();
        return new JdbcDatabase(config.getValue("platform." + service + ".jdbc-url", String.class),
                config.getValue("platform.database.username", String.class),
                config.getOptionalValue("platform.database.password", String.class).orElse(""));
    }
}
