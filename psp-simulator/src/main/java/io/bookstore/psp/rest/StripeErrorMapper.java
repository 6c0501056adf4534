package io.bookstore.psp.rest;

import io.bookstore.psp.domain.ApiError;
import io.bookstore.psp.domain.StripeException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into Stripe's error body, {@code {"error":{"type":…,"message":…}}}:
 * the simulator stands for Stripe, so it answers in Stripe's format rather than the platform's problem+json.
 */
public class StripeErrorMapper {

    private static final Logger LOG = Logger.getLogger(StripeErrorMapper.class);

    @ServerExceptionMapper
    public RestResponse<ApiError.Body> stripe(StripeException e) {
        RestResponse.ResponseBuilder<ApiError.Body> response = RestResponse.ResponseBuilder.<ApiError.Body>create(e.status()).entity(e.body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (e.status() >= 500) {
            // Nothing was done, so a retry (with the same idempotency key) is safe.
            response.header(StripeHeaders.SHOULD_RETRY, "true");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<ApiError.Body> notFound(NotFoundException e, ContainerRequestContext request) {
        return respond(404, unrecognized(request));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError.Body> notAllowed(NotAllowedException e, ContainerRequestContext request) {
        return respond(405, unrecognized(request));
    }

    /**
     * Stripe reads only form bodies; it answers a JSON body as a request missing its parameters, so a 400 here too.
     * The simulator's own admin API ({@code /sim}) reads JSON.
     */
    @ServerExceptionMapper
    public RestResponse<ApiError.Body> unsupportedMediaType(NotSupportedException e, ContainerRequestContext request) {
        String message = request.getUriInfo().getPath().startsWith("/sim/")
                ? "Send the knobs as application/json (got " + request.getMediaType() + ")."
                : "Send the parameters as application/x-www-form-urlencoded (got " + request.getMediaType() + "), as Stripe's API expects.";
        return respond(400, ApiError.of(ApiError.INVALID_REQUEST, message));
    }

    /** Anything else the HTTP layer refuses before a resource runs. */
    @ServerExceptionMapper
    public RestResponse<ApiError.Body> webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(status, ApiError.of(ApiError.INVALID_REQUEST, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<ApiError.Body> unexpected(Throwable e) {
        LOG.error("Request failed unexpectedly", e);
        return respond(500, ApiError.of(ApiError.API_ERROR, "An unknown error occurred in psp-simulator."));
    }

    private static ApiError unrecognized(ContainerRequestContext request) {
        String path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        return ApiError.of(ApiError.INVALID_REQUEST, "Unrecognized request URL (" + request.getMethod() + ": " + path + ").");
    }

    private static RestResponse<ApiError.Body> respond(int status, ApiError error) {
        return respond(status, new ApiError.Body(error));
    }

    private static RestResponse<ApiError.Body> respond(int status, ApiError.Body body) {
        return RestResponse.ResponseBuilder.<ApiError.Body>create(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
