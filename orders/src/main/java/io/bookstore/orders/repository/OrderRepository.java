package io.bookstore.orders.repository;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.orders.domain.NewOrder;
import io.bookstore.orders.domain.Order;
import io.bookstore.orders.domain.StatusChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/** Orders and their lines in {@code bookstore_orders}. Every method runs on the caller's connection. */
@ApplicationScoped
public class OrderRepository {

    /** The request an Idempotency-Key was first used with. */
    public record KeyedRequest(UUID orderId, String requestHash) {
    }

    private static final String COLUMNS =
            "id, tenant, status, currency, total_cents, payment_method, payment_id, version, created_at, updated_at, trace_id";

    /** The lines of order {@code $1} as three arrays in line order, for a statement to return beside the order's columns. */
    private static final String RETURNED_LINES = """
            ARRAY(SELECT isbn FROM order_lines WHERE order_id = $1 ORDER BY line_no) AS line_isbns,
            ARRAY(SELECT qty FROM order_lines WHERE order_id = $1 ORDER BY line_no) AS line_qtys,
            ARRAY(SELECT unit_price_cents FROM order_lines WHERE order_id = $1 ORDER BY line_no) AS line_prices""";

    /**
     * Inserts a pending order with its lines, or nothing when the tenant already used the
     * idempotency key or an order already has the id: a concurrent insert with the same key
     * or id waits for the first to commit and then finds the conflict, so one key never makes
     * two orders and an existing order is never overwritten. The conflict has no target so
     * that it covers both unique constraints; the caller tells them apart. Nothing is inserted
     * either once {@code deadline}, when given, has passed by the database's clock
     * ({@link #hasPassed} tells). {@code traceId} (or {@code null}) is stored with the order.
     */
    public Uni<Optional<Order>> insert(SqlConnection connection, UUID id, NewOrder order, String idempotencyKey,
            String requestHash, Instant deadline, String traceId) {
        Tuple values = Tuple.tuple()
                .addUUID(id)
                .addString(order.tenant())
                .addString(OrderStatus.PENDING_PAYMENT.wire())
                .addString(order.currency())
                .addLong(order.totalCents())
                .addString(order.paymentMethod())
                .addString(idempotencyKey)
                .addString(requestHash)
                .addOffsetDateTime(deadline == null ? null : deadline.atOffset(ZoneOffset.UTC))
                .addString(traceId);
        List<OrderLine> lines = order.lines();
        values.addArrayOfString(lines.stream().map(OrderLine::isbn).toArray(String[]::new))
                .addArrayOfInteger(lines.stream().map(OrderLine::qty).toArray(Integer[]::new))
                .addArrayOfLong(lines.stream().map(OrderLine::unitPriceCents).toArray(Long[]::new));
        // The order and its lines in one statement: the lines' insert takes the order's row from
        // the first, so nothing is inserted for an order that was not (a conflict, a deadline).
        return connection.preparedQuery("""
                WITH inserted AS (
                    INSERT INTO orders (id, tenant, status, currency, total_cents, payment_method, idempotency_key,
                                        request_hash, trace_id)
                    SELECT $1::uuid, $2::text, $3::text, $4::text, $5::bigint, $6::text, $7::text, $8::text, $10::text
                    WHERE $9::timestamptz IS NULL OR now() < $9::timestamptz
                    ON CONFLICT DO NOTHING
                    RETURNING\s""" + COLUMNS + """
                ),
                lines AS (
                    INSERT INTO order_lines (order_id, line_no, isbn, qty, unit_price_cents)
                    SELECT inserted.id, line.line_no, line.isbn, line.qty, line.unit_price_cents
                    FROM inserted,
                         unnest($11::text[], $12::int[], $13::bigint[]) WITH ORDINALITY AS line (isbn, qty, unit_price_cents, line_no)
                )
                SELECT * FROM inserted""")
                .execute(values)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toOrder(rows.iterator().next(), lines)));
    }

    /** Whether {@code deadline} has passed by the database's clock (the transaction's start). */
    public Uni<Boolean> hasPassed(SqlConnection connection, Instant deadline) {
        return connection.preparedQuery("SELECT now() >= $1::timestamptz AS passed")
                .execute(Tuple.of(deadline.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getBoolean("passed"));
    }

    public Uni<Optional<KeyedRequest>> findByIdempotencyKey(SqlConnection connection, String tenant, String idempotencyKey) {
        return connection.preparedQuery("SELECT id, request_hash FROM orders WHERE tenant = $1 AND idempotency_key = $2")
                .execute(Tuple.of(tenant, idempotencyKey))
                .map(rows -> first(rows).map(row -> new KeyedRequest(row.getUUID("id"), row.getString("request_hash"))));
    }

    public Uni<Optional<Order>> find(SqlConnection connection, String tenant, UUID id) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = $1 AND tenant = $2")
                .execute(Tuple.of(id, tenant))
                .flatMap(rows -> withLines(connection, id, rows));
    }

    /**
     * A page of the tenant's orders, newest first ({@code created_at}, then {@code id}, both
     * descending: the order of the index {@code orders_tenant_newest}), with their lines: two
     * statements whatever the page's size.
     */
    public Uni<List<Order>> page(SqlConnection connection, String tenant, int limit, int offset) {
        return connection.preparedQuery(
                        "SELECT " + COLUMNS + " FROM orders WHERE tenant = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3")
                .execute(Tuple.of(tenant, limit, offset))
                .flatMap(rows -> {
                    List<Row> page = new ArrayList<>(rows.size());
                    rows.forEach(page::add);
                    if (page.isEmpty()) {
                        return Uni.createFrom().item(List.<Order>of());
                    }
                    UUID[] ids = page.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
                    return findLines(connection, ids).map(lines -> page.stream()
                            .map(row -> toOrder(row, lines.getOrDefault(row.getUUID("id"), List.of())))
                            .toList());
                });
    }

    /**
     * Finds the order of any tenant and locks it until the transaction ends, so that concurrent
     * changes queue up: for the settler, who acts for the platform rather than a tenant.
     */
    public Uni<Optional<Order>> findForUpdate(SqlConnection connection, UUID id) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM orders WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .flatMap(rows -> withLines(connection, id, rows));
    }

    /**
     * Makes the change when the order's status is one of {@code from}, in one statement that
     * also answers the order with its lines: the version goes up by one, which orders the
     * order's events, and the row stays locked until the transaction ends. Empty when it
     * matched nothing: no such order, or one in another status, which the caller tells apart.
     */
    public Uni<Optional<Order>> changeStatus(SqlConnection connection, UUID id, StatusChange change, Set<OrderStatus> from) {
        return connection.preparedQuery("""
                UPDATE orders SET status = $2, payment_id = $3, version = version + 1, updated_at = now()
                WHERE id = $1 AND status = ANY($4::text[])
                RETURNING\s""" + COLUMNS + ", " + RETURNED_LINES)
                .execute(Tuple.tuple()
                        .addUUID(id)
                        .addString(change.target().wire())
                        .addString(change.paymentId())
                        .addArrayOfString(from.stream().map(OrderStatus::wire).toArray(String[]::new)))
                .map(rows -> first(rows).map(row -> toOrder(row, returnedLines(row))));
    }

    private Uni<Optional<Order>> withLines(SqlConnection connection, UUID id, RowSet<Row> rows) {
        Optional<Row> row = first(rows);
        if (row.isEmpty()) {
            return Uni.createFrom().item(Optional.<Order>empty());
        }
        return findLines(connection, id).map(lines -> Optional.of(toOrder(row.get(), lines)));
    }

    /** The lines of each of the orders, in line order. */
    private Uni<Map<UUID, List<OrderLine>>> findLines(SqlConnection connection, UUID[] orderIds) {
        return connection.preparedQuery("""
                SELECT order_id, isbn, qty, unit_price_cents FROM order_lines
                WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no""")
                .execute(Tuple.tuple().addArrayOfUUID(orderIds))
                .map(rows -> {
                    Map<UUID, List<OrderLine>> lines = new HashMap<>();
                    rows.forEach(row -> lines.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>()).add(line(row)));
                    return lines;
                });
    }

    private Uni<List<OrderLine>> findLines(SqlConnection connection, UUID orderId) {
        return connection.preparedQuery("SELECT isbn, qty, unit_price_cents FROM order_lines WHERE order_id = $1 ORDER BY line_no")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<OrderLine> lines = new ArrayList<>(rows.size());
                    rows.forEach(row -> lines.add(line(row)));
                    return lines;
                });
    }

    private static List<OrderLine> returnedLines(Row row) {
        String[] isbns = row.getArrayOfStrings("line_isbns");
        Integer[] qtys = row.getArrayOfIntegers("line_qtys");
        Long[] prices = row.getArrayOfLongs("line_prices");
        return IntStream.range(0, isbns.length).mapToObj(i -> new OrderLine(isbns[i], qtys[i], prices[i])).toList();
    }

    private static OrderLine line(Row row) {
        return new OrderLine(row.getString("isbn"), row.getInteger("qty"), row.getLong("unit_price_cents"));
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private static Order toOrder(Row row, List<OrderLine> lines) {
        String status = row.getString("status");
        return new Order(
                row.getUUID("id"),
                row.getString("tenant"),
                OrderStatus.fromWire(status).orElseThrow(() -> new IllegalStateException("unknown status in database: " + status)),
                row.getString("currency"),
                row.getLong("total_cents"),
                row.getString("payment_method"),
                row.getString("payment_id"),
                row.getLong("version"),
                lines,
                row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant(),
                row.getString("trace_id"));
    }
}
