package io.bookstore.storefront.rest;

import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.storefront.client.Order;
import io.bookstore.storefront.client.OrdersClient;
import io.bookstore.storefront.domain.OrderNotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A tenant's order as its caller sees it; another tenant's order is not found. */
@Path(OrderResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class OrderResource {

    static final String PATH = "/api/v2/orders";

    private final OrdersClient orders;

    public OrderResource(OrdersClient orders) {
        this.orders = orders;
    }

    /** 200 with the order; 404 for another tenant's order or an id that is not a UUID, as orders answers. */
    @GET
    @Path("/{id}")
    public Uni<Order> get(@PathParam("id") String id) {
        UUID orderId = Uuids.parse(id).orElseThrow(() -> new OrderNotFoundException(id));
        return orders.find(Caller.current(), orderId);
    }
}
