package io.bookstore.catalog.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.catalog.domain.BookNotFoundException;
import io.bookstore.catalog.domain.InsufficientStockException;
import io.bookstore.catalog.domain.InvalidRequestException;
import io.bookstore.catalog.domain.ReservationConflictException;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.problem.Problem;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.ProblemType;
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
import java.util.Map;
import java.util.UUID;

/** Turns every failure of a request into an RFC 9457 {@code application/problem+json} body. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The message for a JSON value of the wrong type, by the Java type it should become (Jackson's own names classes). */
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            UUID.class, "must be a UUID",
            Integer.class, "must be an integer",
            int.class, "must be an integer",
            String.class, "must be a string");

    @ServerExceptionMapper
    public RestResponse<Problem> invalidRequest(InvalidRequestException e) {
        return respond(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return respond(Problem.invalid("Some fields of the request are not valid", errors));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e) {
        String field = field(e.getPath());
        if (field.isEmpty()) {
            return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object"));
        }
        String message = e.getTargetType() != null && Collection.class.isAssignableFrom(e.getTargetType())
                ? "must be an array"
                : EXPECTED.getOrDefault(e.getTargetType(), "must be an object");
        return respond(Problem.invalid("Some fields of the request have the wrong type", List.of(new FieldError(field, message))));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unreadableJson(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " (line %d, column %d)".formatted(location.getLineNr(), location.getColumnNr());
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON" + where));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> bookNotFound(BookNotFoundException e) {
        return respond(Problem.of(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> insufficientStock(InsufficientStockException e) {
        return respond(Problem.of(ProblemType.INSUFFICIENT_STOCK, e.getMessage() + "; nothing was reserved"));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> reservationConflict(ReservationConflictException e) {
        return respond(Problem.of(ProblemType.CONFLICT, e.getMessage()));
    }

    /** What the HTTP layer refuses before a resource runs: unknown path, wrong method or media type. */
    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e) {
        // The JSON reader wraps syntax errors in a 400 WebApplicationException.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        return respond(switch (status) {
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "Nothing is served at this path");
            case 413 -> Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large");
            case 415 -> Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json");
            default -> generic(status, e.getMessage());
        });
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("Request failed unexpectedly", e);
        return respond(generic(500, "The request failed on the server; nothing was changed"));
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

    /** The JSON path of a Jackson failure: {@code items[0].qty}. */
    private static String field(List<Reference> path) {
        StringBuilder field = new StringBuilder();
        for (Reference reference : path) {
            if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            } else {
                appendName(field, reference.getFieldName());
            }
        }
        return field.toString();
    }

    /**
     * The JSON path (or query/path parameter name) of a violation. The method node is
     * dropped, and so is the body parameter's name: its properties are the JSON fields.
     */
    private static String field(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER
                    && i + 1 < nodes.size() && nodes.get(i + 1).getKind() == ElementKind.PROPERTY;
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER && !bodyParameter) {
                appendName(field, snakeCase(node.getName()));
            }
        }
        return field.toString();
    }

    private static void appendName(StringBuilder field, String name) {
        if (!field.isEmpty()) {
            field.append('.');
        }
        field.append(name);
    }

    private static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
