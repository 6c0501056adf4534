package io.bookstore.payments.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/**
 * The orders service ({@code bookstore.orders.base-url}). Its PATCH is idempotent (the same
 * outcome again is a 200 no-op), so a retried or repeated report is harmless. Each attempt
 * has a short timeout so that a webhook can still answer the PSP in time. A refusal (4xx) is
 * the answer: neither retried nor counted against the circuit.
 * A failure that came fast (no connection, a 5xx) is tried again at once, and opens the circuit
 * when half of the last ten calls end so: orders is down, and asking it is wasted. A timed-out
 * attempt is neither retried nor counted: orders is alive and most likely still working on it,
 * slow (a cold or busy JVM). A second and third attempt on top of it is load it cannot carry
 * then, and an open circuit would turn the reports it could still take into failures, each to be
 * delivered and reported again. The outcome stays due: the settler reports it later, and a
 * webhook answers 503 for the PSP to deliver it again. One success after orders is back
 * closes the circuit.
 * <p>
 * Every call carries payments-gateway's own access token (client credentials of the
 * {@code payments-gateway} client, {@code quarkus.oidc-client.*}), whose settler role is the
 * only one orders lets change a status; the token is fetched once and refreshed before it
 * expires.
 */
@RegisterRestClient(configKey = "orders")
@OidcClientFilter
@Path("/orders")
public interface OrdersClient {

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {OrderRejectedException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            skipOn = {OrderRejectedException.class, TimeoutException.class})
    Uni<Void> changeStatus(@PathParam("id") UUID orderId, StatusChange change);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        // A 401 is this service's token, not the outcome: expired on the way, or Keycloak rotated
        // its keys; the next attempt brings a fresh one. A 403 (no settler role) waits for a person.
        if (status >= 500 || status == 408 || status == 429 || status == 401) {
            return new OrdersUnavailableException("orders answered HTTP " + status, null);
        }
        return new OrderRejectedException(status, body(response));
    }

    private static String body(Response response) {
        try {
            return response.readEntity(String.class);
        } catch (RuntimeException unreadable) {
            return "(no readable body)";
        }
    }
}
