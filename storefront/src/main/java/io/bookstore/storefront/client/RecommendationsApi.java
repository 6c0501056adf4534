package io.bookstore.storefront.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * recommendations' HTTP API ({@code quarkus.rest-client.recommendations.*}): one read.
 * {@link DownstreamGuards} guards it.
 */
@RegisterRestClient(configKey = Downstreams.RECOMMENDATIONS)
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public interface RecommendationsApi {

    @GET
    Uni<Recommendations> recommend(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("isbn") String isbn,
            @QueryParam("limit") int limit);

    @ClientExceptionMapper
    static RuntimeException failure(Response response) {
        return Downstreams.failure(Downstreams.RECOMMENDATIONS, response);
    }
}
