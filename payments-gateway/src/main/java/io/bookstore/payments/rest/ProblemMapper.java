package io.bookstore.payments.rest;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.payments.orders.OrdersUnavailableException;
import io.bookstore.payments.webhook.InvalidSignatureException;
import io.bookstore.payments.webhook.MalformedWebhookException;
import io.bookstore.payments.webhook.WebhookSignature;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses.
 * A client's mistake gets its 4xx type and, for validation, every bad field; anything else
 * is a 500 whose detail names nothing internal.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** Seconds the PSP (or any client) should wait before sending again when orders is down. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e) {
        return problem(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> paymentNotFound(PaymentNotFoundException e) {
        return problem(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidSignature(InvalidSignatureException e) {
        LOG.warnf("Refused a webhook: %s", e.getMessage());
        return problem(Problem.invalid("The webhook is not signed by the PSP, or not recently; nothing was changed",
                List.of(new FieldError(WebhookSignature.HEADER, e.getMessage()))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedWebhook(MalformedWebhookException e) {
        return problem(Problem.of(ProblemType.MALFORMED_REQUEST, e.getMessage()));
    }

    /** The outcome is recorded; a 503 makes the PSP deliver the webhook again later. */
    @ServerExceptionMapper
    public RestResponse<Problem> ordersUnavailable(OrdersUnavailableException e) {
        return RestResponse.ResponseBuilder.<Problem>create(ProblemType.UNAVAILABLE.status())
                .entity(Problem.of(ProblemType.UNAVAILABLE, e.getMessage()))
                .type(HttpHeaders.PROBLEM_JSON)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }

    /** What the HTTP layer refuses: unknown path, wrong method or media type. */
    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return problem(switch (status) {
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "no resource at this path");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body is too large");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
            case 400 -> Problem.of(ProblemType.MALFORMED_REQUEST, e.getMessage());
            default -> new Problem("about:blank", reason(status), status, e.getMessage(), List.of());
        });
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("request failed", e);
        return problem(new Problem("about:blank", "Internal Server Error", 500,
                "the request failed on the server; it may be retried", List.of()));
    }

    private static String reason(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return type == null ? "HTTP " + status : type.getReasonPhrase();
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(HttpHeaders.PROBLEM_JSON)
                .build();
    }
}
