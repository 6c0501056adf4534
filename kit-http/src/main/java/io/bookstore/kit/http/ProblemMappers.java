package io.bookstore.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.contracts.Identity;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.ProblemType;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * Turns the failures every API shares into RFC 9457 {@code application/problem+json}: a
 * client's mistake gets its 4xx and, for validation, every bad field; anything else is a 500
 * whose detail names nothing internal, and is logged.
 * <p>
 * A service maps its own exceptions in its own mapper, with {@link Problems#respond}. To
 * answer one of the failures below differently, it declares a {@code @ServerExceptionMapper}
 * for the same exception type at the default priority: these mappers have the
 * {@linkplain #PRIORITY lower} priority {@value #PRIORITY}, and in Quarkus REST the lower
 * number wins for one type. They still win over Quarkus' own built-in mappers (5100).
 */
public class ProblemMappers {

    /** Below a service's default ({@link Priorities#USER}), above Quarkus' built-in Jackson mapper. */
    public static final int PRIORITY = Priorities.USER + 50;

    /**
     * The security mappers' priority: Quarkus REST's own mappers of the security exceptions
     * (5001, an empty body with the challenge) must lose to these.
     */
    public static final int SECURITY_PRIORITY = Priorities.USER;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Bean Validation of a body or parameter: every bad field, sorted, in one problem. */
    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(FieldPaths.violation(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return Problems.respond(Problems.invalid(errors));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e) {
        return Problems.respond(Problems.wrongType(e));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> invalidRequest(InvalidRequestException e) {
        return Problems.respond(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> payloadTooLarge(PayloadTooLargeException e) {
        return Problems.respond(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    /** No bearer token where one is needed (RFC 6750: the challenge names the realm, no error). */
    @ServerExceptionMapper(priority = SECURITY_PRIORITY)
    public RestResponse<Problem> unauthenticated(UnauthorizedException e) {
        return Problems.bearerChallenge(Problem.of(ProblemType.UNAUTHENTICATED, "a bearer token of the bookstore realm is required"), false);
    }

    /** A token that is not the realm's, expired, for another audience, malformed or unsigned. */
    @ServerExceptionMapper(priority = SECURITY_PRIORITY)
    public RestResponse<Problem> invalidToken(AuthenticationFailedException e) {
        return Problems.bearerChallenge(Problem.of(ProblemType.UNAUTHENTICATED,
                "the bearer token is not valid: it must be a current token of the bookstore realm for the audience '"
                        + Identity.AUDIENCE + "'"), true);
    }

    /**
     * Keycloak cannot be reached to learn the realm's keys (a service started before it, or
     * it is down): the token can be neither accepted nor refused yet, so the client may retry.
     * The OIDC extension tries again on the next request.
     */
    @ServerExceptionMapper(priority = SECURITY_PRIORITY)
    public RestResponse<Problem> identityProviderUnavailable(OIDCException e) {
        LOG.warnf("cannot check a bearer token: %s", e.getMessage());
        return Problems.builder(Problem.of(ProblemType.UNAVAILABLE, "the identity provider cannot be reached to check the token; retry shortly"))
                .header("Retry-After", "2")
                .build();
    }

    /** A valid token without the role an endpoint needs, or without a tenant. */
    @ServerExceptionMapper(priority = SECURITY_PRIORITY)
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank()
                ? "the token lacks the role this request needs"
                : e.getMessage();
        return Problems.respond(Problem.of(ProblemType.FORBIDDEN, detail));
    }

    /**
     * What the HTTP layer refuses: unreadable JSON (the JSON reader wraps syntax errors in a
     * 400), an unknown path, a wrong method or media type. A 5xx is unexpected.
     */
    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return Problems.respond(switch (status) {
            case 400 -> Problem.of(ProblemType.MALFORMED_REQUEST, e.getCause() instanceof JsonProcessingException json
                    ? "the body cannot be read as JSON: " + json.getOriginalMessage()
                    : e.getMessage());
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "nothing is served at this path");
            case 405 -> generic(status, "this path does not serve this method");
            case 406 -> generic(status, "no media type of the Accept header can be served");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body is too large");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
            default -> generic(status, e.getMessage());
        });
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("request failed", e);
        return Problems.respond(generic(500, "the request failed on the server; it may be retried"));
    }

    private static Problem generic(int status, String detail) {
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", reason == null ? "HTTP " + status : reason.getReasonPhrase(), status, detail,
                List.of());
    }
}
