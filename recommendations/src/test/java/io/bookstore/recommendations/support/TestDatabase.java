package io.bookstore.recommendations.support;

import io.bookstore.contracts.Isbn;
import io.bookstore.testkit.JdbcDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's database, read over JDBC so that assertions see what was committed, not
 * what the service says.
 */
public final class TestDatabase {

    /** How long a record may take from the topic to a committed transaction (includes a first group join). */
    public static final Duration CONSUMED = Duration.ofSeconds(30);

    private TestDatabase() {
    }

    /** Copies sold and orders of one book. */
    public record Sold(long copies, long orders) {
    }

    public static Connection connect() throws SQLException {
        return database().connect();
    }

    public static boolean processed(UUID eventId) {
        return database().first("SELECT 1 FROM processed_events WHERE event_id = ?", row -> true, eventId).isPresent();
    }

    /** Waits until the consumer committed every one of these events. */
    public static void awaitProcessed(Collection<UUID> eventIds) {
        await().atMost(CONSUMED).pollInterval(Duration.ofMillis(100))
                .until(() -> eventIds.stream().allMatch(TestDatabase::processed));
    }

    public static void awaitProcessed(UUID eventId) {
        awaitProcessed(List.of(eventId));
    }

    /** 13-digit ISBN → copies and orders, for one tenant. */
    public static Map<String, Sold> popularity(String tenant) {
        return database().map("SELECT isbn, copies_sold, orders_count FROM popularity WHERE tenant = ? ORDER BY isbn",
                row -> row.getString(1), row -> new Sold(row.getLong(2), row.getLong(3)), tenant);
    }

    /** "isbn>other_isbn" → orders that held both, for one tenant. */
    public static Map<String, Long> coPurchases(String tenant) {
        return database().map("SELECT isbn, other_isbn, orders_count FROM co_purchases WHERE tenant = ? ORDER BY isbn, other_isbn",
                row -> pair(row.getString(1), row.getString(2)), row -> row.getLong(3), tenant);
    }

    /**
     * What one paid order of two books leaves for the tenant, and nothing else: each book sold
     * in one order, and the pair bought together once, both ways.
     */
    public static void assertOneOrderOfTwoBooks(String tenant, String a, long copiesOfA, String b, long copiesOfB) {
        assertThat(popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Isbn.digits(a), new Sold(copiesOfA, 1),
                Isbn.digits(b), new Sold(copiesOfB, 1)));
        assertThat(coPurchases(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(pair(a, b), 1L, pair(b, a), 1L));
    }

    /** The key {@link #coPurchases} uses for a pair; hyphens are dropped. */
    public static String pair(String isbn, String other) {
        return Isbn.digits(isbn) + ">" + Isbn.digits(other);
    }

    private static JdbcDatabase database() {
        return JdbcDatabase.ofDatasource();
    }
}
