package io.bookstore.outbox.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.testkit.JdbcDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes outbox rows over JDBC the way the orders service does: the contracts' event
 * records as payload, the writer's trace context, then a {@code pg_notify} hint after the
 * commit. Also reads the outbox tables back for assertions.
 */
public final class OrdersOutbox {

    public static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private static final String INSERT = """
            INSERT INTO outbox (event_id, aggregate_id, version, event_type, tenant, payload, trace_context, occurred_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)
            """;

    private static final String INSERT_PUBLISHED = """
            INSERT INTO outbox_published (event_id, aggregate_id, version, event_type, tenant, payload, trace_context,
                                          occurred_at, id, created_at, published_at)
            SELECT ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, nextval('outbox_id_seq'), published.at, published.at
              FROM (SELECT now() - make_interval(secs => ?) AS at) published
            """;

    private OrdersOutbox() {
    }

    /** One row as orders writes it. */
    public record Row(UUID eventId, UUID orderId, long version, String eventType, String tenant, String payload,
                      String traceContext, Instant occurredAt) {

        public Row withPayload(String json) {
            return new Row(eventId, orderId, version, eventType, tenant, json, traceContext, occurredAt);
        }

        public Row withTraceContext(String json) {
            return new Row(eventId, orderId, version, eventType, tenant, payload, json, occurredAt);
        }
    }

    /** Version 1 is {@code order.created}, later versions {@code order.paid}, each under a trace of its own. */
    public static Row event(UUID orderId, String tenant, long version) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<OrderLine> lines = List.of(new OrderLine("978-0-13-468599-1", 1, 4999));
        Object payload = version == 1
                ? new OrderCreated(orderId, tenant, version, "USD", 4999, "pm_card_visa", lines, at)
                : new OrderPaid(orderId, tenant, version, "pi_" + orderId.toString().substring(0, 8), "USD", 4999, lines, at);
        String type = version == 1 ? EventTypes.ORDER_CREATED : EventTypes.ORDER_PAID;
        return new Row(UUID.randomUUID(), orderId, version, type, tenant, json(payload), json(traceContext(traceparent())), at);
    }

    /** Versions 1 to {@code versions} of each order, in outbox order: every order's version 1 first. */
    public static List<Row> events(List<UUID> orderIds, String tenant, int versions) {
        List<Row> rows = new ArrayList<>();
        for (long version = 1; version <= versions; version++) {
            for (UUID orderId : orderIds) {
                rows.add(event(orderId, tenant, version));
            }
        }
        return rows;
    }

    public static String traceparent() {
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    public static Map<String, String> traceContext(String traceparent) {
        return Map.of("traceparent", traceparent);
    }

    public static String tenant(String prefix) {
        return prefix + "-" + randomHex(4);
    }

    /** Inserts the rows in one transaction, then sends the hint as orders does after its commit. */
    public static void insertAndNotify(List<Row> rows) {
        insert(rows);
        notifyHint();
    }

    /** Inserts the rows in one transaction, without the hint. */
    public static void insert(List<Row> rows) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    bindRow(insert, row);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert outbox rows", e);
        }
    }

    /**
     * Inserts the rows into {@code outbox_published} as the relay leaves them once published,
     * {@code age} ago; their ids come from the outbox's sequence, as a replay takes them back.
     */
    public static void insertPublished(List<Row> rows, Duration age) {
        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement(INSERT_PUBLISHED)) {
            for (Row row : rows) {
                bindRow(insert, row);
                insert.setLong(9, age.toSeconds());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert published rows", e);
        }
    }

    /** Sets the first eight parameters: what orders writes, in {@link #INSERT}'s order. */
    private static void bindRow(PreparedStatement statement, Row row) throws SQLException {
        statement.setObject(1, row.eventId());
        statement.setObject(2, row.orderId());
        statement.setLong(3, row.version());
        statement.setString(4, row.eventType());
        statement.setString(5, row.tenant());
        statement.setString(6, row.payload());
        statement.setString(7, row.traceContext());
        statement.setTimestamp(8, Timestamp.from(row.occurredAt()));
    }

    public static void notifyHint() {
        execute("SELECT pg_notify('bookstore_outbox', '')");
    }

    /** The single number that {@code sql} selects. */
    public static long queryLong(String sql, Object... params) {
        return database().count(sql, params);
    }

    /** Rows of the tenant in {@code outbox_dead}. */
    public static long deadRows(String tenant) {
        return queryLong("SELECT count(*) FROM outbox_dead WHERE tenant = ?", tenant);
    }

    /** The single text value that {@code sql} selects, or null when there is no row. */
    public static String queryString(String sql, Object... params) {
        return database().queryString(sql, params).orElse(null);
    }

    /** Removes the tenant's rows still in the outbox, claimed or not. */
    public static void removeRowsOf(String tenant) {
        database().update("DELETE FROM outbox WHERE tenant = ?", tenant);
    }

    public static void execute(String sql) {
        database().update(sql);
    }

    public static Connection connect() throws SQLException {
        return database().connect();
    }

    private static JdbcDatabase database() {
        return JdbcDatabase.ofDatasource();
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
