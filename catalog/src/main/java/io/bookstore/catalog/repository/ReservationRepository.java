package io.bookstore.catalog.repository;

import io.bookstore.catalog.domain.Reservation;
import io.bookstore.catalog.domain.ReservationStatus;
import io.bookstore.catalog.domain.ReservedItem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code reservations} and {@code reservation_lines} tables. */
@ApplicationScoped
public class ReservationRepository {

    /**
     * Inserts a {@code reserved} row unless the order already has one. A concurrent insert of
     * the same order id waits here until the other transaction ends, so exactly one of two
     * simultaneous identical requests takes the stock.
     */
    public Uni<Boolean> insertIfAbsent(SqlConnection conn, UUID orderId, String tenant) {
        return conn.preparedQuery("""
                        INSERT INTO reservations (order_id, tenant, status) VALUES ($1, $2, $3)
                        ON CONFLICT (order_id) DO NOTHING""")
                .execute(Tuple.of(orderId, tenant, ReservationStatus.RESERVED.wire()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> insertLines(SqlConnection conn, UUID orderId, List<ReservedItem> items) {
        List<Tuple> batch = items.stream().map(item -> Tuple.of(orderId, item.isbn(), item.qty())).toList();
        return conn.preparedQuery("INSERT INTO reservation_lines (order_id, isbn, qty) VALUES ($1, $2, $3)")
                .executeBatch(batch)
                .replaceWithVoid();
    }

    public Uni<Optional<Reservation>> find(SqlConnection conn, UUID orderId) {
        return find(conn, orderId, "");
    }

    /** Reads the reservation and locks its row until the transaction ends. */
    public Uni<Optional<Reservation>> findForUpdate(SqlConnection conn, UUID orderId) {
        return find(conn, orderId, " FOR UPDATE");
    }

    public Uni<Void> updateStatus(SqlConnection conn, UUID orderId, ReservationStatus status) {
        return conn.preparedQuery("UPDATE reservations SET status = $2, updated_at = now() WHERE order_id = $1")
                .execute(Tuple.of(orderId, status.wire()))
                .replaceWithVoid();
    }

    private Uni<Optional<Reservation>> find(SqlConnection conn, UUID orderId, String lock) {
        return conn.preparedQuery("SELECT tenant, status FROM reservations WHERE order_id = $1" + lock)
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
                            items)));
                });
    }

    private Uni<List<ReservedItem>> lines(SqlConnection conn, UUID orderId) {
        return conn.preparedQuery("SELECT isbn, qty FROM reservation_lines WHERE order_id = $1 ORDER BY replace(isbn, '-', '')")
                .execute(Tuple.of(orderId))
                .map(rows -> {
                    List<ReservedItem> items = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        items.add(new ReservedItem(row.getString("isbn"), row.getInteger("qty")));
                    }
                    return items;
                });
    }
}
