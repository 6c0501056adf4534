package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.UUID;

/** orders as the storefront uses it: every failure is a {@link DownstreamProblemException} or a {@link DownstreamUnavailableException}. */
@ApplicationScoped
public class OrdersClient {

    private final OrdersApi api;

    public OrdersClient(@RestClient OrdersApi api) {
        this.api = api;
    }

    /** Creates the order, or replays the one an earlier request with the same key made. */
    public Uni<Order> create(Caller caller, String idempotencyKey, OrderRequest request) {
        return guarded(api.create(caller.authorization(), idempotencyKey, request));
    }

    /** The caller's tenant's order; another tenant's is a 404 problem. */
    public Uni<Order> find(Caller caller, UUID id) {
        return guarded(api.find(caller.authorization(), id));
    }

    private static <T> Uni<T> guarded(Uni<T> call) {
        return call.onFailure().transform(failure -> Downstreams.translate(Downstreams.ORDERS, failure));
    }
}
