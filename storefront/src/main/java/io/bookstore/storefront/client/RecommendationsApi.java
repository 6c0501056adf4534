package io.bookstore.storefront.client;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import static io.bookstore.storefront.client.Downstreams.BREAKER_DELAY_MS;
import static io.bookstore.storefront.client.Downstreams.BREAKER_FAILURE_RATIO;
import static io.bookstore.storefront.client.Downstreams.BREAKER_SUCCESSES;
import static io.bookstore.storefront.client.Downstreams.BREAKER_VOLUME;
import static io.bookstore.storefront.client.Downstreams.MAX_RETRIES;
import static io.bookstore.storefront.client.Downstreams.RETRY_DELAY_MS;
import static io.bookstore.storefront.client.Downstreams.RETRY_JITTER_MS;
import static io.bookstore.storefront.client.Downstreams.TIMEOUT_MS;

/**
 * recommendations' HTTP API ({@code quarkus.rest-client.recommendations.*}): one read. The
 * fault-tolerance annotations on the interface apply to every call, each with its own
 * circuit breaker.
 */
@Timeout(TIMEOUT_MS)
@Retry(maxRetries = MAX_RETRIES, delay = RETRY_DELAY_MS, jitter = RETRY_JITTER_MS,
        abortOn = {DownstreamProblemException.class, CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = BREAKER_VOLUME, failureRatio = BREAKER_FAILURE_RATIO, delay = BREAKER_DELAY_MS,
        successThreshold = BREAKER_SUCCESSES, skipOn = DownstreamProblemException.class)
@RegisterRestClient(configKey = Downstreams.RECOMMENDATIONS)
@Path("/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public interface RecommendationsApi {

    @GET
    Uni<Recommendations> recommend(@HeaderParam(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("isbn") String isbn,
            @QueryParam("limit") int limit);

    @ClientExceptionMapper
    static RuntimeException failure(Response response) {
        return Downstreams.failure(Downstreams.RECOMMENDATIONS, response);
    }
}
