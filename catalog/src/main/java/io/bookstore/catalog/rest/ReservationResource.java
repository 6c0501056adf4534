package io.bookstore.catalog.rest;

import io.bookstore.catalog.service.ReservationService;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.TenantScoped;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.net.URI;
import java.util.UUID;

/**
 * Stock held for orders, for the tenant of the caller's token ({@link TenantScoped}): the
 * storefront passes its shopper's token on.
 */
@Path("/catalog/reservations")
@TenantScoped
public class ReservationResource {

    private final ReservationService reservations;

    public ReservationResource(ReservationService reservations) {
        this.reservations = reservations;
    }

    /** 201 when this call reserved the stock, 200 (Idempotent-Replayed) when the order already held it. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<ReservationResponse>> reserve(@NotNull @Valid ReservationRequest body) {
        return reservations.reserve(Caller.current().tenant(), body.orderId(), body.reservedItems())
                .map(outcome -> {
                    ReservationResponse response = ReservationResponse.of(outcome);
                    if (outcome.created()) {
                        return RestResponse.ResponseBuilder.<ReservationResponse>created(URI.create("/catalog/reservations/" + body.orderId()))
                                .entity(response)
                                .build();
                    }
                    return RestResponse.ResponseBuilder.ok(response)
                            .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                            .build();
                });
    }

    /** 204 whether stock was returned now or earlier, or the order never reserved any. */
    @DELETE
    @Path("/{order_id}")
    public Uni<Void> release(@PathParam("order_id") @Pattern(regexp = Uuids.PATTERN, message = "must be a UUID") String orderId) {
        return reservations.release(UUID.fromString(orderId), Caller.current().tenant()).replaceWithVoid();
    }
}
