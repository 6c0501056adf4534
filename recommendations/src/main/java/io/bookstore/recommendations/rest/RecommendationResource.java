package io.bookstore.recommendations.rest;

import io.bookstore.contracts.Tenants;
import io.bookstore.kit.http.RecommendationQuery;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.recommendations.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** "Bought together" for one book, from the paid orders of the caller's tenant only. */
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
    public Uni<RecommendationsResponse> recommend(@HeaderParam(Tenants.HEADER) String tenant,
                                                  @BeanParam @Valid RecommendationQuery query) {
        return recommendations.recommend(tenant, query.isbn(), query.limit())
                .map(found -> new RecommendationsResponse(query.isbn(), found));
    }
}
