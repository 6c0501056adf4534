package io.bookstore.recommendations.repository;

import io.bookstore.recommendations.domain.Reason;
import io.bookstore.recommendations.domain.Recommendation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;

/** The {@code popularity} table: copies sold and orders per book and tenant. ISBNs are 13 digits. */
@ApplicationScoped
public class PopularityRepository {

    /**
     * Adds one order and its copies to each book. The rows are upserted in ISBN order (the
     * ORDER BY), so concurrent transactions lock them in the same order.
     */
    public Uni<Void> addOrder(SqlConnection conn, String tenant, SortedMap<String, Long> copiesByIsbn) {
        return conn.preparedQuery("""
                        INSERT INTO popularity (tenant, isbn, copies_sold, orders_count)
                        SELECT $1, sold.isbn, sold.copies, 1
                        FROM unnest($2::text[], $3::bigint[]) AS sold (isbn, copies)
                        ORDER BY sold.isbn
                        ON CONFLICT (tenant, isbn) DO UPDATE
                        SET copies_sold = popularity.copies_sold + EXCLUDED.copies_sold,
                            orders_count = popularity.orders_count + 1""")
                .execute(Tuple.tuple()
                        .addString(tenant)
                        .addArrayOfString(copiesByIsbn.keySet().toArray(String[]::new))
                        .addArrayOfLong(copiesByIsbn.values().toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** The tenant's best sellers: most copies, then most orders, then ISBN; {@code excluded} left out. */
    public Uni<List<Recommendation>> mostPopular(SqlConnection conn, String tenant, Collection<String> excluded, int limit) {
        return conn.preparedQuery("""
                        SELECT isbn, copies_sold FROM popularity
                        WHERE tenant = $1 AND NOT (isbn = ANY ($2))
                        ORDER BY copies_sold DESC, orders_count DESC, isbn
                        LIMIT $3""")
                .execute(Tuple.of(tenant, excluded.toArray(String[]::new), limit))
                .map(rows -> {
                    List<Recommendation> popular = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        popular.add(new Recommendation(row.getString("isbn"), row.getLong("copies_sold"), Reason.POPULAR));
                    }
                    return popular;
                });
    }
}
