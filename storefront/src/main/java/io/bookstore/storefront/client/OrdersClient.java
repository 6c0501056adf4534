package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.WaitPreference;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * orders as the storefront uses it: every failure is a {@link DownstreamProblemException} or a
 * {@link DownstreamUnavailableException}. Each call runs under its caller's tenant's breaker.
 */
@ApplicationScoped
public class OrdersClient {

    private final OrdersApi api;
    private final DownstreamGuards guards;

    public OrdersClient(@RestClient OrdersApi api, DownstreamGuards guards) {
        this.api = api;
        this.guards = guards;
    }

    /** Creates the order, or replays the one an earlier request with the same key made. */
    public Uni<Order> create(Caller caller, String idempotencyKey, OrderRequest request) {
        return guarded(caller, () -> api.create(caller.authorization(), idempotencyKey, request));
    }

    /** A page of the caller's tenant's orders, newest first; never another tenant's. */
    public Uni<List<Order>> page(Caller caller, int limit, int offset) {
        return guarded(caller, () -> api.page(caller.authorization(), limit, offset));
    }

    /** The caller's tenant's order; another tenant's is a 404 problem. */
    public Uni<Order> find(Caller caller, UUID id) {
        return guarded(caller, () -> api.find(caller.authorization(), id));
    }

    /**
     * The caller's tenant's order once its status changed, or as it is after {@code wait}
     * (whole seconds, at least one): orders answers a change at once, in whichever replica it
     * was made.
     */
    public Uni<Order> findWhenChanged(Caller caller, UUID id, WaitPreference wait) {
        return guarded(caller, () -> api.findWhenChanged(caller.authorization(), id, wait.value()));
    }

    private <T> Uni<T> guarded(Caller caller, Supplier<Uni<T>> call) {
        return guards.call(Downstreams.ORDERS, caller.tenant(), call);
    }
}
