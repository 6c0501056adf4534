package io.bookstore.recommendations.rest;

import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.RecommendationQuery;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.recommendations.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** "Bought together" for one book, from the paid orders of the tenant of the caller's token only. */
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    /**
     * The books most often bought with {@code isbn}, then the tenant's most popular ones, up
     * to {@code limit}. An ISBN nobody bought yet is not an error: it gets the popular ones.
     */
    @GET
    public Uni<RecommendationsResponse> recommend(@BeanParam @Valid RecommendationQuery query) {
        return recommendations.recommend(Caller.current().tenant(), query.isbn(), query.limit())
                .map(found -> new RecommendationsResponse(query.isbn(), found));
    }
}
