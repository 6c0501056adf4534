package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * catalog as the storefront uses it: every failure is a {@link DownstreamProblemException} or a
 * {@link DownstreamUnavailableException}. A call made for a caller runs under its tenant's breaker.
 */
@ApplicationScoped
public class CatalogClient {

    private final CatalogApi api;
    private final DownstreamGuards guards;

    public CatalogClient(@RestClient CatalogApi api, DownstreamGuards guards) {
        this.api = api;
        this.guards = guards;
    }

    /**
     * The books among {@code isbns} that exist; unknown ones are left out. The look-up is public,
     * so no token is sent; the caller names the breaker.
     */
    public Uni<List<Book>> books(Caller caller, List<String> isbns) {
        return guarded(caller.tenant(), () -> api.books(isbns));
    }

    /** A page of the public catalog; with a search text {@code q} (null or blank: none), of the books it finds. */
    public Uni<List<Book>> page(String q, int limit, int offset) {
        return guarded(DownstreamGuards.PUBLIC, () -> api.page(q, limit, offset));
    }

    /** A book of the public catalog. */
    public Uni<Book> book(String isbn) {
        return guarded(DownstreamGuards.PUBLIC, () -> api.book(isbn));
    }

    /** Holds the stock for the order; a repeat for the same order answers the reservation as it is now. */
    public Uni<Reservation> reserve(Caller caller, ReservationRequest request) {
        return guarded(caller.tenant(), () -> api.reserve(caller.authorization(), request));
    }

    /** Returns the order's stock; a no-op when it was released before or never reserved. */
    public Uni<Void> release(Caller caller, UUID orderId) {
        return guarded(caller.tenant(), () -> api.release(caller.authorization(), orderId));
    }

    private <T> Uni<T> guarded(String tenant, Supplier<Uni<T>> call) {
        return guards.call(Downstreams.CATALOG, tenant, call);
    }
}
