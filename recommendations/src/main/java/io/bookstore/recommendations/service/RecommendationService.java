package io.bookstore.recommendations.service;

import io.bookstore.contracts.Isbn;
import io.bookstore.recommendations.domain.Recommendation;
import io.bookstore.recommendations.repository.CoPurchaseRepository;
import io.bookstore.recommendations.repository.PopularityRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Answers "what else do buyers of this book buy", within one tenant. */
@ApplicationScoped
public class RecommendationService {

    private final Pool pool;
    private final CoPurchaseRepository coPurchases;
    private final PopularityRepository popularity;

    public RecommendationService(Pool pool, CoPurchaseRepository coPurchases, PopularityRepository popularity) {
        this.pool = pool;
        this.coPurchases = coPurchases;
        this.popularity = popularity;
    }

    /**
     * Up to {@code limit} books: those most often bought with {@code isbn}, then the tenant's
     * most popular ones. Never {@code isbn} itself, no book twice. A book nobody bought yet
     * gets the popular ones; a tenant without paid orders gets none.
     */
    public Uni<List<Recommendation>> recommend(String tenant, String isbn, int limit) {
        String digits = Isbn.digits(isbn);
        return pool.withConnection(conn -> coPurchases.boughtWith(conn, tenant, digits, limit)
                .flatMap(together -> together.size() >= limit
                        ? Uni.createFrom().item(together)
                        : fillWithPopular(conn, tenant, digits, together, limit)));
    }

    private Uni<List<Recommendation>> fillWithPopular(SqlConnection conn, String tenant, String digits,
                                                      List<Recommendation> together, int limit) {
        List<String> excluded = new ArrayList<>(together.size() + 1);
        excluded.add(digits);
        together.forEach(recommendation -> excluded.add(recommendation.isbn()));
        return popularity.mostPopular(conn, tenant, excluded, limit - together.size())
                .map(popular -> {
                    List<Recommendation> all = new ArrayList<>(together);
                    all.addAll(popular);
                    return all;
                });
    }
}
