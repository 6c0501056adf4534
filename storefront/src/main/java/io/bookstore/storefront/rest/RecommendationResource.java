package io.bookstore.storefront.rest;

import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.RecommendationQuery;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.storefront.domain.RecommendedBooks;
import io.bookstore.storefront.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** "Bought together" for one book, from the paid orders of the tenant of the caller's token. */
@Path("/api/v2/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    public Uni<RecommendedBooks> recommend(@BeanParam @Valid RecommendationQuery query) {
        return recommendations.recommend(Caller.current(), query.isbn(), query.limit());
    }
}
