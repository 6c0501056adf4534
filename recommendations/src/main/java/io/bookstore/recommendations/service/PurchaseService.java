package io.bookstore.recommendations.service;

import io.bookstore.recommendations.config.RecommendationsConfig;
import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.repository.CoPurchaseRepository;
import io.bookstore.recommendations.repository.PopularityRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts paid orders into popularity and co-purchases. */
@ApplicationScoped
public class PurchaseService {

    private final PopularityRepository popularity;
    private final CoPurchaseRepository coPurchases;
    private final String lockTimeout;

    public PurchaseService(PopularityRepository popularity, CoPurchaseRepository coPurchases, RecommendationsConfig config) {
        this.popularity = popularity;
        this.coPurchases = coPurchases;
        this.lockTimeout = config.consumer().lockTimeout().toMillis() + "ms";
    }

    /**
     * Applies the purchase on the caller's transaction, the one that marks its event processed
     * (kit-kafka's {@code CloudEventConsumer}), so that each event counts once.
     */
    public Uni<Void> record(SqlConnection conn, Purchase purchase) {
        return limitLockWait(conn)
                .flatMap(ignored -> popularity.addOrder(conn, purchase.tenant(), purchase.copiesByIsbn()))
                .flatMap(ignored -> coPurchases.addOrder(conn, purchase.tenant(), purchase.pairs()));
    }

    /** Applies to this transaction only ({@code is_local}), so pooled connections keep their defaults. */
    private Uni<Void> limitLockWait(SqlConnection conn) {
        return conn.preparedQuery("SELECT set_config('lock_timeout', $1, true)")
                .execute(Tuple.of(lockTimeout))
                .replaceWithVoid();
    }
}
