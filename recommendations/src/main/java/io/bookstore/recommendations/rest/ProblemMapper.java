package io.bookstore.recommendations.rest;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.recommendations.domain.InvalidRequestException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/** Turns every failure of a request into an RFC 9457 {@code application/problem+json} body. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e) {
        return respond(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(parameter(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return respond(Problem.invalid("Some parameters of the request are not valid", errors));
    }

    /** What the HTTP layer refuses before a resource runs: unknown path, wrong method, unacceptable media type. */
    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return respond(status == 404
                ? Problem.of(ProblemType.NOT_FOUND, "Nothing is served at this path")
                : generic(status, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("Request failed unexpectedly", e);
        return respond(generic(500, "The request failed on the server"));
    }

    private static Problem generic(int status, String detail) {
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        return new Problem("about:blank", reason == null ? "HTTP " + status : reason.getReasonPhrase(), status, detail, List.of());
    }

    private static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(HttpHeaders.PROBLEM_JSON)
                .build();
    }

    /** The query parameter a violation is about: the last parameter node of its path (the method node is dropped). */
    private static String parameter(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER || node.getKind() == ElementKind.PROPERTY) {
                name = node.getName();
            }
        }
        return name;
    }
}
