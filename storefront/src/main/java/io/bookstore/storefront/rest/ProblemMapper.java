package io.bookstore.storefront.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.storefront.client.DownstreamProblemException;
import io.bookstore.storefront.client.DownstreamUnavailableException;
import io.bookstore.storefront.service.CheckoutConflictException;
import io.bookstore.storefront.service.IdempotencyKeyReusedException;
import io.bookstore.storefront.service.InvalidRequestException;
import io.bookstore.storefront.service.MixedCurrenciesException;
import io.bookstore.storefront.service.OrderNotFoundException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses.
 * A client's mistake gets its 4xx and, for validation, every bad field; a downstream's
 * refusal is passed on as it was; a downstream that gives no answer is a 503 naming it;
 * anything else is a 500 whose detail names nothing internal.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** The field of a violation on the whole body rather than on one of its properties. */
    static final String BODY = "body";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidBody(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return problem(Problem.invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors));
    }

    /** A JSON value of the wrong type ({@code "qty": "two"}), named by its path in the body. */
    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e) {
        String field = jsonPath(e);
        return problem(Problem.invalid("1 field is invalid",
                List.of(new FieldError(field.isEmpty() ? BODY : field, expected(e.getTargetType())))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e) {
        return problem(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mixedCurrencies(MixedCurrenciesException e) {
        // Valid JSON and valid fields, but no single order can hold books of two currencies.
        ProblemType type = ProblemType.MIXED_CURRENCIES;
        return problem(new Problem(type.uri(), type.title(), type.status(), e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> checkoutConflict(CheckoutConflictException e) {
        return problem(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> orderNotFound(OrderNotFoundException e) {
        return problem(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    /** catalog's or orders' refusal, such as 409 insufficient stock, with its status and body. */
    @ServerExceptionMapper
    public RestResponse<Problem> downstreamProblem(DownstreamProblemException e) {
        return problem(e.problem());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> downstreamUnavailable(DownstreamUnavailableException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return problem(Problem.of(ProblemType.UNAVAILABLE, e.downstream() + " is unavailable: it " + e.reason()
                + "; retry later"));
    }

    /** What the HTTP layer refuses: unknown path, wrong method or media type, unreadable JSON. */
    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e) {
        Response response = e.getResponse();
        int status = response.getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return problem(switch (status) {
            case 400 -> Problem.of(ProblemType.MALFORMED_REQUEST, e.getCause() instanceof JsonProcessingException json
                    ? "the body cannot be read as JSON: " + json.getOriginalMessage()
                    : e.getMessage());
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "nothing is served at this path");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "the request body is too large");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
            default -> new Problem("about:blank", response.getStatusInfo().getReasonPhrase(), status, e.getMessage(), List.of());
        });
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("request failed", e);
        return problem(new Problem("about:blank", "Internal Server Error", 500,
                "the request failed on the server; it may be retried", List.of()));
    }

    private static RestResponse<Problem> problem(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(HttpHeaders.PROBLEM_JSON)
                .build();
    }

    /**
     * The JSON path ({@code items[0].qty}) or parameter name ({@code limit}) of a violation.
     * Bean Validation names Java properties after the method and parameter nodes; the wire
     * names them in snake_case. The body parameter is called {@code body} in every resource,
     * so a violation on the body as a whole is named {@code body}.
     */
    static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            boolean lastNode = i == nodes.size() - 1;
            if (kind == ElementKind.PROPERTY || kind == ElementKind.PARAMETER && lastNode) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(snakeCase(node.getName()));
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
