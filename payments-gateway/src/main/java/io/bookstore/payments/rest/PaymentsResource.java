package io.bookstore.payments.rest;

import io.bookstore.contracts.Uuids;
import io.bookstore.kit.http.Caller;
import io.bookstore.kit.http.InvalidRequestException;
import io.bookstore.kit.http.TenantScoped;
import io.bookstore.payments.domain.PaymentNotFoundException;
import io.bookstore.payments.service.PaymentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** The payment of an order, for the tenant of the caller's token ({@link TenantScoped}); another tenant's is a 404. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@TenantScoped
public class PaymentsResource {

    private final PaymentService payments;

    public PaymentsResource(PaymentService payments) {
        this.payments = payments;
    }

    @GET
    @Path("/{order_id}")
    public Uni<PaymentResponse> get(@PathParam("order_id") String orderId) {
        UUID id = Uuids.parse(orderId).orElseThrow(() -> new InvalidRequestException("order_id", "must be a UUID"));
        return payments.find(Caller.current().tenant(), id)
                .map(found -> found.map(PaymentResponse::from).orElseThrow(() -> new PaymentNotFoundException(orderId)));
    }
}
