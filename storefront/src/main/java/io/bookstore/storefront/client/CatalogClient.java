package io.bookstore.storefront.client;

import io.bookstore.kit.http.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;
import java.util.UUID;

/** catalog as the storefront uses it: every failure is a {@link DownstreamProblemException} or a {@link DownstreamUnavailableException}. */
@ApplicationScoped
public class CatalogClient {

    private final CatalogApi api;

    public CatalogClient(@RestClient CatalogApi api) {
        this.api = api;
    }

    /** The books among {@code isbns} that exist; unknown ones are left out. */
    public Uni<List<Book>> books(List<String> isbns) {
        return guarded(api.books(isbns));
    }

    public Uni<List<Book>> page(int limit, int offset) {
        return guarded(api.page(limit, offset));
    }

    public Uni<Book> book(String isbn) {
        return guarded(api.book(isbn));
    }

    /** Holds the stock for the order; a repeat for the same order answers the reservation as it is now. */
    public Uni<Reservation> reserve(Caller caller, ReservationRequest request) {
        return guarded(api.reserve(caller.authorization(), request));
    }

    /** Returns the order's stock; a no-op when it was released before or never reserved. */
    public Uni<Void> release(Caller caller, UUID orderId) {
        return guarded(api.release(caller.authorization(), orderId));
    }

    private static <T> Uni<T> guarded(Uni<T> call) {
        return call.onFailure().transform(failure -> Downstreams.translate(Downstreams.CATALOG, failure));
    }
}
