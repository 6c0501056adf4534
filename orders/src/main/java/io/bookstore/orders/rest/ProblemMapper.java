package io.bookstore.orders.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
import io.bookstore.orders.service.IdempotencyKeyReusedException;
import io.bookstore.orders.service.InvalidTransitionException;
import io.bookstore.orders.service.OrderIdTakenException;
import io.bookstore.orders.service.OrderNotFoundException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses.
 * A client's mistake gets its 4xx type and, for validation, every bad field; anything
 * else is a 500 whose detail names nothing internal.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final PropertyNamingStrategies.NamingBase JSON_NAMES = new PropertyNamingStrategies.SnakeCaseStrategy();
    /** The field of a violation on the whole body rather than on one of its properties. */
    private static final String BODY = "body";

    @ServerExceptionMapper
    public RestResponse<Problem> invalidBody(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return problem(Problem.invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                errors));
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
    public RestResponse<Problem> payloadTooLarge(PayloadTooLargeException e) {
        return problem(Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> orderNotFound(OrderNotFoundException e) {
        return problem(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidTransition(InvalidTransitionException e) {
        return problem(Problem.of(ProblemType.INVALID_TRANSITION, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> orderIdTaken(OrderIdTakenException e) {
        return problem(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> idempotencyKeyReused(IdempotencyKeyReusedException e) {
        return problem(Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage()));
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
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "no resource at this path");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
            default -> new Problem("about:blank", response.getStatusInfo().getReasonPhrase(), status, e.getMessage(),
                    List.of());
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
     * The JSON path of a violation ({@code lines[0].qty}): Bean Validation names Java
     * properties after the method and parameter nodes, the wire names them in snake_case.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.BEAN) {
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(JSON_NAMES.translate(node.getName()));
            }
        }
        return field.isEmpty() ? BODY : field.toString();
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
