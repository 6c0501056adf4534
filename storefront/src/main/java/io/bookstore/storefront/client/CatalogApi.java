package io.bookstore.storefront.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/**
 * catalog's HTTP API ({@code quarkus.rest-client.catalog.*}). Every call is idempotent, so
 * every call retries: reads trivially, a reservation because catalog keys it by order id
 * (a repeat replays it), a release because releasing twice is a no-op.
 * {@link DownstreamGuards} guards each call.
 */
@RegisterRestClient(configKey = Downstreams.CATALOG)
@Path("/catalog")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogApi {

    /** The books among {@code isbn} that exist, each once. */
    @GET
    @Path("/items")
    Uni<List<Book>> books(@QueryParam("isbn") List<String> isbn);

    /** A page of the catalog in ISBN order, or of the books {@code q} finds (null: no search) in title order. */
    @GET
    @Path("/items")
    Uni<List<Book>> page(@QueryParam("q") String q, @QueryParam("limit") int limit, @QueryParam("offset") int offset);

    @GET
    @Path("/items/{isbn}")
    Uni<Book> book(@PathParam("isbn") String isbn);

    @POST
    @Path("/reservations")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Reservation> reserve(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, ReservationRequest request);

    @DELETE
    @Path("/reservations/{orderId}")
    Uni<Void> release(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @PathParam("orderId") UUID orderId);

    @ClientExceptionMapper
    static RuntimeException failure(Response response) {
        return Downstreams.failure(Downstreams.CATALOG, response);
    }
}
