package io.bookstore.recommendations.service;

import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.repository.CoPurchaseRepository;
import io.bookstore.recommendations.repository.PopularityRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/** Counts paid orders into popularity and co-purchases. */
@ApplicationScoped
public class PurchaseService {

    private final PopularityRepository popularity;
    private final CoPurchaseRepository coPurchases;

    public PurchaseService(PopularityRepository popularity, CoPurchaseRepository coPurchases) {
        this.popularity = popularity;
        this.coPurchases = coPurchases;
    }

    /**
     * Applies the purchase on the caller's transaction, the one that marks its event processed
     * (kit-kafka's {@code CloudEventConsumer}), so that each event counts once. A row lock held
     * too long fails the transaction for a retry: every connection has PostgreSQL's
     * {@code lock_timeout} from {@code bookstore.recommendations.lock-timeout}.
     */
    public Uni<Void> record(SqlConnection conn, Purchase purchase) {
        return popularity.addOrder(conn, purchase.tenant(), purchase.copiesByIsbn())
                .flatMap(ignored -> coPurchases.addOrder(conn, purchase.tenant(), purchase.pairs()));
    }
}
