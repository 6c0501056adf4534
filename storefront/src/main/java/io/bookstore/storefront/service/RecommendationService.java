package io.bookstore.storefront.service;

import io.bookstore.contracts.Isbn;
import io.bookstore.kit.http.Caller;
import io.bookstore.storefront.client.Book;
import io.bookstore.storefront.client.CatalogClient;
import io.bookstore.storefront.client.Recommendation;
import io.bookstore.storefront.client.Recommendations;
import io.bookstore.storefront.client.RecommendationsClient;
import io.bookstore.storefront.domain.RecommendedBook;
import io.bookstore.storefront.domain.RecommendedBooks;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Recommendations' ISBNs and scores, with title, author and price from catalog in one call. */
@ApplicationScoped
public class RecommendationService {

    private final RecommendationsClient recommendations;
    private final CatalogClient catalog;

    public RecommendationService(RecommendationsClient recommendations, CatalogClient catalog) {
        this.recommendations = recommendations;
        this.catalog = catalog;
    }

    public Uni<RecommendedBooks> recommend(Caller caller, String isbn, int limit) {
        return recommendations.recommend(caller, isbn, limit).flatMap(found -> {
            if (found.recommendations().isEmpty()) {
                return Uni.createFrom().item(new RecommendedBooks(isbn, List.of()));
            }
            List<String> isbns = found.recommendations().stream().map(Recommendation::isbn).toList();
            return catalog.books(caller, isbns).map(books -> enrich(isbn, found, books));
        });
    }

    /** A book catalog no longer sells is left out: it cannot be bought. */
    private static RecommendedBooks enrich(String isbn, Recommendations found, List<Book> books) {
        Map<String, Book> byDigits = books.stream()
                .collect(Collectors.toMap(book -> Isbn.digits(book.isbn()), Function.identity(), (first, second) -> first));
        List<RecommendedBook> enriched = found.recommendations().stream()
                .flatMap(recommendation -> Optional.ofNullable(byDigits.get(Isbn.digits(recommendation.isbn())))
                        .map(book -> new RecommendedBook(book.isbn(), book.title(), book.author(), book.priceCents(),
                                book.currency(), recommendation.score(), recommendation.reason()))
                        .stream())
                .toList();
        return new RecommendedBooks(isbn, enriched);
    }
}
