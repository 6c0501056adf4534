package io.bookstore.storefront.rest;

import io.bookstore.contracts.Tenants;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.kit.http.ValidIsbn;
import io.bookstore.kit.http.WholeNumber;
import io.bookstore.storefront.domain.RecommendedBooks;
import io.bookstore.storefront.service.RecommendationService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
                                           @QueryParam("isbn") @NotNull(message = "is required") @ValidIsbn String isbn,
                                           @QueryParam("limit") @DefaultValue("5") @WholeNumber(min = 1, max = 50) String limit) {
        return recommendations.recommend(tenant, isbn, Integer.parseInt(limit));
    }
}
