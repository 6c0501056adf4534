package io.bookstore.psp.rest;

import io.bookstore.psp.domain.PaymentIntentList;
import io.bookstore.psp.service.PaymentIntentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * Stripe's list of PaymentIntents, {@code GET /v1/payment_intents}: what lets a checker read the
 * provider's side of every charge. {@link ApiKeyFilter} has checked the API key.
 */
@Path("/v1/payment_intents")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentIntentListResource {

    private final PaymentIntentService intents;

    public PaymentIntentListResource(PaymentIntentService intents) {
        this.intents = intents;
    }

    /** One page, newest first; the query is read raw, as a form, so that an unknown or repeated parameter is refused. */
    @GET
    public Uni<PaymentIntentList> list(UriInfo uri) {
        return intents.list(PaymentIntentListQuery.read(FormBody.parse(uri.getRequestUri().getRawQuery())));
    }
}
