package io.bookstore.recommendations.service;

import io.bookstore.recommendations.config.RecommendationsConfig;
import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.repository.CoPurchaseRepository;
import io.bookstore.recommendations.repository.PopularityRepository;
import io.bookstore.recommendations.repository.ProcessedEventRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts paid orders into popularity and co-purchases, each event once. */
@ApplicationScoped
public class PurchaseService {

    private final Pool pool;
    private final ProcessedEventRepository processedEvents;
    private final PopularityRepository popularity;
    private final CoPurchaseRepository coPurchases;
    private final String lockTimeout;

    public PurchaseService(Pool pool, ProcessedEventRepository processedEvents, PopularityRepository popularity,
                           CoPurchaseRepository coPurchases, RecommendationsConfig config) {
        this.pool = pool;
        this.processedEvents = processedEvents;
        this.popularity = popularity;
        this.coPurchases = coPurchases;
        this.lockTimeout = config.consumer().lockTimeout().toMillis() + "ms";
    }

    /**
     * Applies the purchase and marks its event processed, in one transaction. True when this
     * call applied it; false when the event had been applied before (nothing changes).
     */
    public Uni<Boolean> record(Purchase purchase) {
        return pool.withTransaction(conn -> limitLockWait(conn)
                .flatMap(ignored -> processedEvents.markProcessed(conn, purchase.eventId(), purchase.eventType()))
                .flatMap(firstTime -> firstTime
                        ? apply(conn, purchase).replaceWith(true)
                        : Uni.createFrom().item(false)));
    }

    private Uni<Void> apply(SqlConnection conn, Purchase purchase) {
        return popularity.addOrder(conn, purchase.tenant(), purchase.copiesByIsbn())
                .flatMap(ignored -> coPurchases.addOrder(conn, purchase.tenant(), purchase.pairs()));
    }

    /** Applies to this transaction only ({@code is_local}), so pooled connections keep their defaults. */
    private Uni<Void> limitLockWait(SqlConnection conn) {
        return conn.preparedQuery("SELECT set_config('lock_timeout', $1, true)")
                .execute(Tuple.of(lockTimeout))
                .replaceWithVoid();
    }
}
