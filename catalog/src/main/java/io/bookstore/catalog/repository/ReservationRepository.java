package io.bookstore.catalog.repository;

import io.bookstore.catalog.domain.ReleaseReason;
import io.bookstore.catalog.domain.Reservation;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.ReservedItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code reservations} and {@code reservation_lines} tables. */
@ApplicationScoped
public class ReservationRepository {

    /** A reservation the reaper released, to report once its transaction committed. */
    public record Expired(UUID orderId, String tenant, Instant expiresAt) {
    }

    /**
     * What {@link #reserve} did: {@code expiresAt} when it made the reservation; else nothing
     * changed, and {@code lacking} names the books (as the table spells them) whose stock was short.
     */
    public record Reserved(Optional<Instant> expiresAt, List<String> lacking) {
    }

    /**
     * Makes the order's reservation in one statement: locks the books' rows (in ISBN order, as
     * every transaction that changes stock does, so two never deadlock), and only when every book
     * has the quantity, inserts the {@code reserved} row, expiring {@code window} from now by the
     * database's clock, takes the stock and inserts the lines. Nothing happens when a book is
     * short or the order already has a reservation ({@code ON CONFLICT}: a concurrent insert of
     * the same order id waits for the other statement, so exactly one of two identical requests
     * takes the stock). One statement commits by itself, so the hot books' row locks are held for
     * this one round trip, not across the several a transaction of separate statements needs.
     * The lock re-reads each row's latest committed stock, and the update applies to it, so
     * concurrent reservations can never drive a stock below zero. {@code items} are in ISBN order,
     * spelled as the table spells them.
     */
    public Uni<Reserved> reserve(SqlConnection conn, UUID orderId, String tenant, Duration window, List<ReservedItem> items) {
        return conn.preparedQuery("""
                        WITH wanted AS (
                            SELECT isbn, qty FROM unnest($3::text[], $4::int[]) AS w (isbn, qty)
                        ), locked AS (
                            SELECT b.isbn, b.stock, w.qty FROM books b JOIN wanted w ON w.isbn = b.isbn
                            ORDER BY replace(b.isbn, '-', '')
                            FOR UPDATE OF b
                        ), enough AS (
                            SELECT count(*) = $6 AND coalesce(bool_and(stock >= qty), false) AS ok FROM locked
                        ), reservation AS (
                            INSERT INTO reservations (order_id, tenant, status, expires_at)
                            SELECT $1, $2, 'reserved', now() + make_interval(secs => $5) FROM enough WHERE ok
                            ON CONFLICT (order_id) DO NOTHING
                            RETURNING order_id, expires_at
                        ), taken AS (
                            UPDATE books b SET stock = b.stock - l.qty
                            FROM locked l, reservation r
                            WHERE b.isbn = l.isbn
                        ), lines AS (
                            INSERT INTO reservation_lines (order_id, isbn, qty)
                            SELECT r.order_id, w.isbn, w.qty FROM reservation r, wanted w
                        )
                        SELECT (SELECT expires_at FROM reservation) AS expires_at,
                               ARRAY(SELECT isbn FROM locked WHERE stock < qty ORDER BY replace(isbn, '-', '')) AS lacking""")
                .execute(Tuple.tuple()
                        .addUUID(orderId)
                        .addString(tenant)
                        .addArrayOfString(items.stream().map(ReservedItem::isbn).toArray(String[]::new))
                        .addArrayOfInteger(items.stream().map(ReservedItem::qty).toArray(Integer[]::new))
                        .addDouble(seconds(window))
                        .addInteger(items.size()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Reserved(
                            Optional.ofNullable(row.getOffsetDateTime("expires_at")).map(OffsetDateTime::toInstant),
                            List.of(row.getArrayOfStrings("lacking")));
                });
    }

    public Uni<Optional<Reservation>> find(SqlConnection conn, UUID orderId) {
        return find(conn, orderId, "");
    }

    /** Reads the reservation and locks its row until the transaction ends. */
    public Uni<Optional<Reservation>> findForUpdate(SqlConnection conn, UUID orderId) {
        return find(conn, orderId, " FOR UPDATE");
    }

    /** Sets a final status; {@code reason} is the release's, null for {@code sold}. */
    public Uni<Void> updateStatus(SqlConnection conn, UUID orderId, ReservationStatus status, ReleaseReason reason) {
        return conn.preparedQuery("UPDATE reservations SET status = $2, release_reason = $3, updated_at = now() WHERE order_id = $1")
                .execute(Tuple.of(orderId, status.wire(), reason == null ? null : reason.wire()))
                .replaceWithVoid();
    }

    /** Records that the order exists: the window no longer applies. */
    public Uni<Void> markOrdered(SqlConnection conn, UUID orderId) {
        return conn.preparedQuery("UPDATE reservations SET ordered_at = now(), updated_at = now() WHERE order_id = $1")
                .execute(Tuple.of(orderId))
                .replaceWithVoid();
    }

    /**
     * order.created's common case in one statement: the tenant's {@code reserved} reservation
     * with no order yet becomes its order's (the window no longer applies). False when it
     * matched nothing (no such reservation of the tenant, ordered already, released or sold),
     * which the caller tells apart under the row lock.
     */
    public Uni<Boolean> markOrderedIfReserved(SqlConnection conn, UUID orderId, String tenant) {
        return conn.preparedQuery("""
                        UPDATE reservations SET ordered_at = now(), updated_at = now()
                        WHERE order_id = $1 AND tenant = $2 AND status = $3 AND ordered_at IS NULL""")
                .execute(Tuple.of(orderId, tenant, ReservationStatus.RESERVED.wire()))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * order.paid's common case in one statement: the tenant's {@code reserved} reservation is
     * sold (its stock was taken when it was made). False when it matched nothing, which the
     * caller tells apart under the row lock.
     */
    public Uni<Boolean> sellIfReserved(SqlConnection conn, UUID orderId, String tenant) {
        return conn.preparedQuery("""
                        UPDATE reservations SET status = $3, release_reason = NULL, updated_at = now()
                        WHERE order_id = $1 AND tenant = $2 AND status = $4""")
                .execute(Tuple.of(orderId, tenant, ReservationStatus.SOLD.wire(), ReservationStatus.RESERVED.wire()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A released reservation holds its stock again, for an order that exists: {@code reserved} and ordered. */
    public Uni<Void> reinstate(SqlConnection conn, UUID orderId) {
        return conn.preparedQuery("""
                        UPDATE reservations SET status = $2, release_reason = NULL, ordered_at = now(), updated_at = now()
                        WHERE order_id = $1""")
                .execute(Tuple.of(orderId, ReservationStatus.RESERVED.wire()))
                .replaceWithVoid();
    }

    /**
     * Releases at most {@code limit} reservations that are still {@code reserved}, have no
     * order and expired more than {@code grace} ago, all by the database's clock; the caller
     * puts their stock back in the same transaction. {@code SKIP LOCKED} passes over rows
     * another transaction holds (another replica's round, or the consumer applying an event to
     * that reservation right now), so replicas reap side by side without waiting for each other.
     * The literals match the partial index {@code reservations_expiring}. The rows are chosen
     * once, in a MATERIALIZED CTE: as {@code WHERE order_id IN (subquery)} the planner may run
     * the subquery again per row, which takes more than the limit and, on a big table, for ever.
     */
    public Uni<List<Expired>> releaseExpired(SqlConnection conn, Duration grace, int limit) {
        return conn.preparedQuery("""
                        WITH expired AS MATERIALIZED (
                            SELECT order_id FROM reservations
                            WHERE status = 'reserved' AND ordered_at IS NULL AND expires_at < now() - make_interval(secs => $1)
                            ORDER BY expires_at
                            LIMIT $2
                            FOR UPDATE SKIP LOCKED)
                        UPDATE reservations r SET status = 'released', release_reason = 'expired', updated_at = now()
                        FROM expired
                        WHERE r.order_id = expired.order_id
                        RETURNING r.order_id, r.tenant, r.expires_at""")
                .execute(Tuple.of(seconds(grace), limit))
                .map(rows -> {
                    List<Expired> expired = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        expired.add(new Expired(row.getUUID("order_id"), row.getString("tenant"),
                                row.getOffsetDateTime("expires_at").toInstant()));
                    }
                    return expired;
                });
    }

    /** The copies of each book that the orders' reservations hold together. */
    public Uni<List<ReservedItem>> totalLines(SqlConnection conn, List<UUID> orderIds) {
        return conn.preparedQuery("SELECT isbn, sum(qty)::int AS qty FROM reservation_lines WHERE order_id = ANY($1) GROUP BY isbn")
                .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
                .map(ReservationRepository::items);
    }

    private Uni<Optional<Reservation>> find(SqlConnection conn, UUID orderId, String lock) {
        return conn.preparedQuery("SELECT tenant, status, expires_at, ordered_at IS NOT NULL AS ordered, release_reason"
                        + " FROM reservations WHERE order_id = $1"
                        + lock)
                .execute(Tuple.of(orderId))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.empty());
                    }
                    Row row = rows.iterator().next();
                    return lines(conn, orderId).map(items -> Optional.of(new Reservation(
                            orderId,
                            row.getString("tenant"),
                            ReservationStatus.fromWire(row.getString("status")),
                            items,
                            Optional.ofNullable(row.getOffsetDateTime("expires_at")).map(OffsetDateTime::toInstant).orElse(null),
                            row.getBoolean("ordered"),
                            Optional.ofNullable(row.getString("release_reason")).map(ReleaseReason::fromWire).orElse(null))));
                });
    }

    private Uni<List<ReservedItem>> lines(SqlConnection conn, UUID orderId) {
        return conn.preparedQuery("SELECT isbn, qty FROM reservation_lines WHERE order_id = $1 ORDER BY replace(isbn, '-', '')")
                .execute(Tuple.of(orderId))
                .map(ReservationRepository::items);
    }

    private static List<ReservedItem> items(RowSet<Row> rows) {
        List<ReservedItem> items = new ArrayList<>(rows.size());
        for (Row row : rows) {
            items.add(new ReservedItem(row.getString("isbn"), row.getInteger("qty")));
        }
        return items;
    }

    /** A duration as PostgreSQL's {@code make_interval(secs => …)} takes it. */
    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
