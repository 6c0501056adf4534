package io.bookstore.psp.rest;

import io.bookstore.psp.domain.Ids;
import io.bookstore.psp.domain.PaymentIntent;
import io.bookstore.psp.domain.StripeException;
import io.bookstore.psp.service.IdempotencyStore.Execution;
import io.bookstore.psp.service.PaymentIntentService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Optional;

/**
 * Stripe's PaymentIntents API: form-encoded requests, JSON answers. {@link ApiKeyFilter} has
 * checked the API key before any method runs.
 */
@Path("/v1/payment_intents")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentIntentResource {

    /** Stripe's limit on the length of an idempotency key. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final PaymentIntentService intents;

    public PaymentIntentResource(PaymentIntentService intents) {
        this.intents = intents;
    }

    /** 200 with the intent, or 402 with Stripe's card error when a confirmed payment is declined. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<Object>> create(HttpHeaders headers, String body) {
        FormBody form = FormBody.parse(body);
        PaymentIntentService.Call call = call(headers);
        return intents.create(call, PaymentIntentForm.create(form), form.params()).map(execution -> respond(call, execution));
    }

    /** Confirms an intent that waits for it, or retries a declined one with another payment method. */
    @POST
    @Path("/{id}/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<Object>> confirm(HttpHeaders headers, @PathParam("id") String id, String body) {
        FormBody form = FormBody.parse(body);
        PaymentIntentService.Call call = call(headers);
        return intents.confirm(call, id, PaymentIntentForm.confirm(form), form.params()).map(execution -> respond(call, execution));
    }

    /** Cancels an intent that has not succeeded: it can never charge afterwards. */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<RestResponse<Object>> cancel(HttpHeaders headers, @PathParam("id") String id, String body) {
        FormBody form = FormBody.parse(body);
        PaymentIntentService.Call call = call(headers);
        return intents.cancel(call, id, PaymentIntentForm.cancel(form), form.params()).map(execution -> respond(call, execution));
    }

    /** The intent with its current status: how a client settles a payment whose webhook never came. */
    @GET
    @Path("/{id}")
    public Uni<PaymentIntent> retrieve(@PathParam("id") String id) {
        return intents.retrieve(id);
    }

    private static PaymentIntentService.Call call(HttpHeaders headers) {
        String apiKey = ApiKeyFilter.apiKey(headers.getHeaderString(HttpHeaders.AUTHORIZATION)).orElseThrow();
        return new PaymentIntentService.Call(apiKey, idempotencyKey(headers.getRequestHeader(StripeHeaders.IDEMPOTENCY_KEY)), Ids.request());
    }

    /** Read from the raw header list: an empty key must be refused, not taken for no key at all. */
    private static Optional<String> idempotencyKey(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw StripeException.invalid(null, "Send one Idempotency-Key header, not " + values.size() + ".");
        }
        String header = values.get(0);
        if (header.isBlank()) {
            throw StripeException.invalid(null, "The Idempotency-Key header must not be empty; leave it out to send a request without one.");
        }
        if (header.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw StripeException.invalid(null, "Idempotency-Key is too long: at most " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters, got " + header.length() + ".");
        }
        return Optional.of(header);
    }

    private static RestResponse<Object> respond(PaymentIntentService.Call call, Execution execution) {
        RestResponse.ResponseBuilder<Object> response = RestResponse.ResponseBuilder.create(execution.result().status())
                .entity(execution.result().body())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(StripeHeaders.REQUEST_ID, call.requestId());
        if (execution.replayed()) {
            response.header(StripeHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.build();
    }
}
