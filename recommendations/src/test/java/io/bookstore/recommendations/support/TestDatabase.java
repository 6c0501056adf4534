package io.bookstore.recommendations.support;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    public static boolean processed(UUID eventId) {
        try (Connection conn = connect();
             PreparedStatement query = conn.prepareStatement("SELECT 1 FROM processed_events WHERE event_id = ?")) {
            query.setObject(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
        Map<String, Sold> sold = new LinkedHashMap<>();
        query("SELECT isbn, copies_sold, orders_count FROM popularity WHERE tenant = ? ORDER BY isbn", tenant,
                rows -> sold.put(rows.getString(1), new Sold(rows.getLong(2), rows.getLong(3))));
        return sold;
    }

    /** "isbn>other_isbn" → orders that held both, for one tenant. */
    public static Map<String, Long> coPurchases(String tenant) {
        Map<String, Long> pairs = new LinkedHashMap<>();
        query("SELECT isbn, other_isbn, orders_count FROM co_purchases WHERE tenant = ? ORDER BY isbn, other_isbn", tenant,
                rows -> pairs.put(pair(rows.getString(1), rows.getString(2)), rows.getLong(3)));
        return pairs;
    }

    /** The key {@link #coPurchases} uses for a pair; hyphens are dropped. */
    public static String pair(String isbn, String other) {
        return Isbns.digits(isbn) + ">" + Isbns.digits(other);
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void query(String sql, String tenant, RowReader reader) {
        try (Connection conn = connect(); PreparedStatement query = conn.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
