package io.bookstore.recommendations.repository;

import io.bookstore.recommendations.domain.Reason;
import io.bookstore.recommendations.domain.Recommendation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code co_purchases} table: how many orders held both books, per tenant. ISBNs are 13 digits. */
@ApplicationScoped
public class CoPurchaseRepository {

    /**
     * Adds one order to each ordered pair. The rows are upserted in (isbn, other_isbn) order,
     * so concurrent transactions lock them in the same order.
     */
    public Uni<Void> addOrder(SqlConnection conn, String tenant, List<Map.Entry<String, String>> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                        INSERT INTO co_purchases (tenant, isbn, other_isbn, orders_count)
                        SELECT $1, pair.isbn, pair.other_isbn, 1
                        FROM unnest($2::text[], $3::text[]) AS pair (isbn, other_isbn)
                        ORDER BY pair.isbn, pair.other_isbn
                        ON CONFLICT (tenant, isbn, other_isbn) DO UPDATE
                        SET orders_count = co_purchases.orders_count + 1""")
                .execute(Tuple.tuple()
                        .addString(tenant)
                        .addArrayOfString(pairs.stream().map(Map.Entry::getKey).toArray(String[]::new))
                        .addArrayOfString(pairs.stream().map(Map.Entry::getValue).toArray(String[]::new)))
                .replaceWithVoid();
    }

    /**
     * The books most often bought with {@code isbn}: most shared orders, then most copies sold,
     * then ISBN.
     */
    public Uni<List<Recommendation>> boughtWith(SqlConnection conn, String tenant, String isbn, int limit) {
        return conn.preparedQuery("""
                        SELECT c.other_isbn, c.orders_count FROM co_purchases c
                        LEFT JOIN popularity p ON p.tenant = c.tenant AND p.isbn = c.other_isbn
                        WHERE c.tenant = $1 AND c.isbn = $2
                        ORDER BY c.orders_count DESC, COALESCE(p.copies_sold, 0) DESC, COALESCE(p.orders_count, 0) DESC, c.other_isbn
                        LIMIT $3""")
                .execute(Tuple.of(tenant, isbn, limit))
                .map(rows -> {
                    List<Recommendation> together = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        together.add(new Recommendation(row.getString("other_isbn"), row.getLong("orders_count"), Reason.BOUGHT_TOGETHER));
                    }
                    return together;
                });
    }
}
