package io.bookstore.storefront.rest;

import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.kit.http.WholeNumber;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.domain.OrderNotFoundException;
import io.bookstore.storefront.domain.OrderTrace;
import io.bookstore.storefront.service.OrderTraceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.UUID;

/**
 * A tenant's orders as its caller sees them, and the trace of the checkout that made each;
 * another tenant's order is not found.
 */
@Path(OrderResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class OrderResource {

    static final String PATH = "/api/v2/orders";

    private final OrdersClient orders;
    private final OrderTraceService traces;

    public OrderResource(OrdersClient orders, OrderTraceService traces) {
        this.orders = orders;
        this.traces = traces;
    }

    /** A page of the caller's tenant's orders, newest first; the bounds are orders', checked here so that a bad one names the parameter. */
    @GET
    public Uni<List<Order>> list(@QueryParam("limit") @DefaultValue("20") @WholeNumber(min = 1, max = 100) String limit,
                                 @QueryParam("offset") @DefaultValue("0") @WholeNumber(min = 0, max = 1_000_000) String offset) {
        return orders.page(Caller.current(), Integer.parseInt(limit), Integer.parseInt(offset));
    }

    /** 200 with the order; 404 for another tenant's order or an id that is not a UUID, as orders answers. */
    @GET
    @Path("/{id}")
    public Uni<Order> get(@PathParam("id") String id) {
        return orders.find(Caller.current(), orderId(id));
    }

    /**
     * 200 with the order's checkout trace, its spans empty until the trace store has them; 404 as
     * for the order itself; 503 when the trace store cannot be reached or fails.
     */
    @GET
    @Path("/{id}/trace")
    public Uni<OrderTrace> trace(@PathParam("id") String id) {
        return traces.trace(Caller.current(), orderId(id));
    }

    private static UUID orderId(String id) {
        return Uuids.parse(id).orElseThrow(() -> new OrderNotFoundException(id));
    }
}
