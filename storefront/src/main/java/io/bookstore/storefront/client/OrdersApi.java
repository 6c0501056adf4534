package io.bookstore.storefront.client;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.kit.http.WaitPreference;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
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
 * orders' HTTP API ({@code quarkus.rest-client.orders.*}). Every call is idempotent: a
 * create always carries an Idempotency-Key, so a retry after a lost answer replays the
 * order that the first attempt may have made instead of making a second one.
 * {@link DownstreamGuards} guards each call.
 */
@RegisterRestClient(configKey = Downstreams.ORDERS)
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public interface OrdersApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Order> create(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(HttpHeaders.IDEMPOTENCY_KEY) String idempotencyKey,
            OrderRequest request);

    /** A page of the caller's tenant's orders, newest first. */
    @GET
    Uni<List<Order>> page(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("limit") int limit,
            @QueryParam("offset") int offset);

    @GET
    @Path("/{id}")
    Uni<Order> find(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID id);

    /** The order once its status changed, or after the wait {@code prefer} asks ({@code wait=N}). */
    @GET
    @Path("/{id}")
    Uni<Order> findWhenChanged(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") UUID id,
            @HeaderParam(WaitPreference.PREFER) String prefer);

    @ClientExceptionMapper
    static RuntimeException failure(Response response) {
        return Downstreams.failure(Downstreams.ORDERS, response);
    }
}
