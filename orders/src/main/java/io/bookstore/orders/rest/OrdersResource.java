package io.bookstore.orders.rest;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Identity;
import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.IdempotencyKeys;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.kit.http.WaitPreference;
import io.bookstore.kit.http.WholeNumber;
import io.bookstore.orders.domain.OrderNotFoundException;
import io.bookstore.orders.service.OrderService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders. A shopper creates, reads and lists the orders of the tenant in its token ({@link TenantScoped}:
 * kit-http's tenant filter has verified the token before a method here runs, Bean Validation
 * the body); another tenant's order is a 404. Only the settler (payments-gateway's service
 * account) changes an order's status, for whichever tenant the order belongs to.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {

    private final OrderService service;

    public OrdersResource(OrderService service) {
        this.service = service;
    }

    /**
     * Creates a pending order: 201 with the order. Under an Idempotency-Key already used by
     * the tenant, the same request answers 201 with that order and {@code Idempotent-Replayed:
     * true}; a different request answers 422. An {@code order_id} that names an existing order
     * (not created by this key) answers 409 and changes nothing; so does a
     * {@code reservation_expires_at} that has passed, unless the key replays an order.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @TenantScoped
    public Uni<RestResponse<OrderResponse>> create(
            @Context jakarta.ws.rs.core.HttpHeaders headers,
            @Valid @NotNull(message = "a JSON body is required") CreateOrderRequest body) {
        Optional<String> key = IdempotencyKeys.read(headers.getRequestHeader(HttpHeaders.IDEMPOTENCY_KEY));
        Optional<Instant> reservationDeadline = Optional.ofNullable(body.reservationExpiresAt());
        return service.create(body.toNewOrder(Caller.current().tenant()), key, reservationDeadline).map(created -> {
            RestResponse.ResponseBuilder<OrderResponse> response = RestResponse.ResponseBuilder
                    .<OrderResponse>created(URI.create("/orders/" + created.order().id()))
                    .entity(OrderResponse.from(created.order()));
            if (created.replayed()) {
                response.header(HttpHeaders.IDEMPOTENT_REPLAYED, "true");
            }
            return response.build();
        });
    }

    /**
     * A page of the caller's tenant's orders, newest first, each as {@link #get} answers it; an
     * empty list past the last. The bounds are those of the catalog's pages.
     */
    @GET
    @TenantScoped
    public Uni<List<OrderResponse>> list(
            @QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit,
            @QueryParam("offset") @DefaultValue("0") @WholeNumber(min = 0, max = 1_000_000) String offset) {
        return service.page(Caller.current().tenant(), Integer.parseInt(limit), Integer.parseInt(offset))
                .map(orders -> orders.stream().map(OrderResponse::from).toList());
    }

    /**
     * The caller's tenant's order. With {@code Prefer: wait=N} (RFC 7240, at most 10 s) and an
     * order not yet final, the answer waits until its status changes or N seconds pass: the
     * storefront's {@code Prefer: wait} checkout asks so instead of polling.
     */
    @GET
    @Path("/{id}")
    @TenantScoped
    public Uni<OrderResponse> get(@PathParam("id") String id, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        Duration wait = WaitPreference.parse(headers.getRequestHeader(WaitPreference.PREFER))
                .map(WaitPreference::duration)
                .orElse(Duration.ZERO);
        return service.find(Caller.current().tenant(), orderId(id), wait).map(OrderResponse::from);
    }

    /** Applies a payment outcome: 200 with the order, also when the same outcome was applied before; 409 when impossible. */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Identity.SETTLER_ROLE)
    public Uni<OrderResponse> changeStatus(
            @PathParam("id") String id,
            @Valid @NotNull(message = "a JSON body is required") StatusChangeRequest body) {
        return service.changeStatus(orderId(id), body.toStatusChange()).map(OrderResponse::from);
    }

    /** An id that is not a UUID in its canonical form names no order. */
    private static UUID orderId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
