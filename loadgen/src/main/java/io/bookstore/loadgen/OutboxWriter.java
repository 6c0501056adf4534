package io.bookstore.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.OutboxNotify;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Writes outbox rows as orders does (same columns, an {@code order.created} payload of the
 * contracts record, version 1, empty trace context), one transaction per event, and then,
 * when asked, the {@code pg_notify} hint outside that transaction, as orders' CommitNotifier
 * sends it. Each writer owns one connection and is used by one thread at a time.
 */
final class OutboxWriter implements AutoCloseable {

    static final String INSERT = """
            INSERT INTO outbox (event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at)
            VALUES (?, ?, 1, ?, ?, ?::jsonb, '{}'::jsonb, ?)""";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final List<OrderLine> LINES = List.of(new OrderLine("978-0-13-468599-1", 1, 4999));

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private Connection connection;
    private PreparedStatement insert;
    private PreparedStatement notify;

    OutboxWriter(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        open();
    }

    /** Fails with a clear message when the database has no outbox table (orders has not migrated it). */
    static void checkSchema(String jdbcUrl, String user, String password) {
        try (Connection connection = Databases.connect(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at"
                    + " FROM outbox LIMIT 0");
        } catch (SQLException e) {
            throw new TargetUnreachableException("the outbox table (start orders once so that it migrates the schema)", jdbcUrl, e);
        }
    }

    static String payload(UUID orderId, String tenant, Instant createdAt) {
        try {
            return JSON.writeValueAsString(new OrderCreated(orderId, tenant, 1, "USD", 4999, "pm_card_visa", LINES, createdAt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts and commits one event; returns the {@link System#nanoTime()} at which the commit returned. */
    long insert(UUID eventId, String tenant) throws SQLException {
        UUID orderId = UUID.randomUUID();
        Instant now = Instant.now();
        try {
            insert.setObject(1, eventId);
            insert.setObject(2, orderId);
            insert.setString(3, EventTypes.ORDER_CREATED);
            insert.setString(4, tenant);
            insert.setString(5, payload(orderId, tenant, now));
            insert.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            insert.executeUpdate();
            connection.commit();
            return System.nanoTime();
        } catch (SQLException e) {
            recover();
            throw e;
        }
    }

    /** The hint, in a transaction of its own: NOTIFY inside the insert's would serialise all commits. */
    void notifyPublisher() throws SQLException {
        try {
            notify.execute();
            connection.commit();
        } catch (SQLException e) {
            recover();
            throw e;
        }
    }

    private void open() {
        connection = Databases.connect(jdbcUrl, user, password);
        try {
            connection.setAutoCommit(false);
            insert = connection.prepareStatement(INSERT);
            notify = connection.prepareStatement("SELECT pg_notify(?, '')");
            notify.setString(1, OutboxNotify.CHANNEL);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the outbox statements on " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Rolls back; a connection that died is replaced so that one outage does not fail the rest of the run. */
    private void recover() {
        try {
            connection.rollback();
            if (connection.isValid(2)) {
                return;
            }
        } catch (SQLException ignored) {
            // The connection is gone; replaced below.
        }
        close();
        try {
            open();
        } catch (RuntimeException stillDown) {
            // The next insert fails again and is counted; there is nothing better to do here.
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort at the end of a run.
        }
    }
}
