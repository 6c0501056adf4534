package io.bookstore.payments.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * Stripe's PaymentIntents API (base URL {@code bookstore.psp.base-url}). Each attempt has a
 * timeout; a failure that may pass is retried with exponential back-off. Retrying a creation
 * is safe because it carries the same {@code Idempotency-Key}: the PSP answers a repeat with
 * the first intent instead of charging again.
 */
@RegisterRestClient(configKey = "psp")
@Path("/v1/payment_intents")
@Produces(MediaType.APPLICATION_JSON)
public interface PspClient {

    String IDEMPOTENCY_KEY = "Idempotency-Key";
    String STRIPE_VERSION = "Stripe-Version";

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, abortOn = {CardDeclinedException.class, PspRejectedException.class,
            IdempotencyKeyUsedException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 5000)
    Uni<PaymentIntent> create(@HeaderParam("Authorization") String authorization,
                              @HeaderParam(STRIPE_VERSION) String apiVersion,
                              @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                              MultivaluedMap<String, String> form);

    @GET
    @Path("/{id}")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, abortOn = PspRejectedException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5000)
    Uni<PaymentIntent> retrieve(@HeaderParam("Authorization") String authorization,
                                @HeaderParam(STRIPE_VERSION) String apiVersion,
                                @PathParam("id") String intentId);

    /** Cancels an intent that has not succeeded; a 400 {@code payment_intent_unexpected_state} when it has. */
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, abortOn = PspRejectedException.class)
    @ExponentialBackoff(factor = 2, maxDelay = 5000)
    Uni<PaymentIntent> cancel(@HeaderParam("Authorization") String authorization,
                              @HeaderParam(STRIPE_VERSION) String apiVersion,
                              @PathParam("id") String intentId,
                              MultivaluedMap<String, String> form);

    /** Stripe's error answers, by what the caller can do about them. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        StripeError error = readError(response);
        String message = error == null || error.message() == null ? "HTTP " + status : error.message();
        if (status == 402 && error != null && error.paymentIntent() != null) {
            return new CardDeclinedException(error.paymentIntent(), message);
        }
        boolean invalidRequest = error != null && StripeError.INVALID_REQUEST.equals(error.type());
        if ((status == 400 || status == 404) && invalidRequest) {
            return new PspRejectedException(status, error.code(), message);
        }
        if (status == 400 && error != null && StripeError.IDEMPOTENCY.equals(error.type())) {
            return new IdempotencyKeyUsedException(message);
        }
        return new PspUnavailableException("PSP answered HTTP " + status + ": " + message);
    }

    private static StripeError readError(Response response) {
        try {
            StripeError.Body body = response.readEntity(StripeError.Body.class);
            return body == null ? null : body.error();
        } catch (RuntimeException unreadable) {
            // Not Stripe's error shape (a proxy's HTML page, say): the status alone decides.
            return null;
        }
    }
}
