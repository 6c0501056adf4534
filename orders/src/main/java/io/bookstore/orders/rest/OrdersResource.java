package io.bookstore.orders.rest;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.IdempotencyKeys;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.orders.domain.OrderNotFoundException;
import io.bookstore.orders.service.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders of one tenant: every endpoint is {@link TenantScoped}, so kit-http's tenant filter
 * has validated {@code X-Tenant-Id} before any method here runs, and Bean Validation the body.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class OrdersResource {

    private final OrderService service;

    public OrdersResource(OrderService service) {
        this.service = service;
    }

    /**
     * Creates a pending order: 201 with the order. Under an Idempotency-Key already used by
     * the tenant, the same request answers 201 with that order and {@code Idempotent-Replayed:
     * true}; a different request answers 422. An {@code order_id} that names an existing order
     * (not created by this key) answers 409 and changes nothing.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<OrderResponse>> create(
            @HeaderParam(Tenants.HEADER) String tenant,
            @Context jakarta.ws.rs.core.HttpHeaders headers,
            @Valid @NotNull(message = "a JSON body is required") CreateOrderRequest body) {
        Optional<String> key = IdempotencyKeys.read(headers.getRequestHeader(HttpHeaders.IDEMPOTENCY_KEY));
        return service.create(body.toNewOrder(tenant), key).map(created -> {
            RestResponse.ResponseBuilder<OrderResponse> response = RestResponse.ResponseBuilder
                    .<OrderResponse>created(URI.create("/orders/" + created.order().id()))
                    .entity(OrderResponse.from(created.order()));
            if (created.replayed()) {
                response.header(HttpHeaders.IDEMPOTENT_REPLAYED, "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{id}")
    public Uni<OrderResponse> get(@HeaderParam(Tenants.HEADER) String tenant, @PathParam("id") String id) {
        return service.find(tenant, orderId(id)).map(OrderResponse::from);
    }

    /** Applies a payment outcome: 200 with the order, also when the same outcome was applied before; 409 when impossible. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<OrderResponse> changeStatus(
            @HeaderParam(Tenants.HEADER) String tenant,
            @PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") StatusChangeRequest body) {
        return service.changeStatus(tenant, orderId(id), body.toStatusChange()).map(OrderResponse::from);
    }

    /** An id that is not a UUID in its canonical form names no order. */
    private static UUID orderId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
