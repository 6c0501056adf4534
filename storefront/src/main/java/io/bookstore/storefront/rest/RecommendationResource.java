package io.bookstore.storefront.rest;

import io.bookstore.contracts.Tenants;
import io.bookstore.kit.http.RecommendationQuery;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.storefront.domain.RecommendedBooks;
import io.bookstore.storefront.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** "Bought together" for one book, from the paid orders of the caller's tenant. */
@Path("/api/v2/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    public Uni<RecommendedBooks> recommend(@HeaderParam(Tenants.HEADER) String tenant,
                                           @BeanParam @Valid RecommendationQuery query) {
        return recommendations.recommend(tenant, query.isbn(), query.limit());
    }
}
