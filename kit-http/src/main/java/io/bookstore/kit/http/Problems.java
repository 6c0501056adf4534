package io.bookstore.kit.http;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Identity;
import io.bookstore.contracts.problem.Problem.FieldError;
import io.bookstore.contracts.problem.Problem;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;

/**
 * Builds the {@code application/problem+json} responses of every mapper, the kit's and a
 * service's own: {@code Problems.respond(Problem.of(ProblemType.NOT_FOUND, e.getMessage()))}.
 */
public final class Problems {

    private Problems() {
    }

    /** The problem as a response with its status and the problem+json media type. */
    public static RestResponse<Problem> respond(Problem problem) {
        return builder(problem).build();
    }

    /** {@link #respond} for a mapper that adds headers, such as {@code Retry-After}. */
    public static RestResponse.ResponseBuilder<Problem> builder(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status())
                .entity(problem)
                .type(HttpHeaders.PROBLEM_JSON);
    }

    /**
     * A 401 problem with the RFC 6750 challenge of the bookstore realm; {@code invalidToken}
     * adds {@code error="invalid_token"} (a token was sent and refused).
     */
    public static RestResponse<Problem> bearerChallenge(Problem problem, boolean invalidToken) {
        return builder(problem)
                .header("WWW-Authenticate", "Bearer realm=\"" + Identity.REALM + "\"" + (invalidToken ? ", error=\"invalid_token\"" : ""))
                .build();
    }

    /** A validation problem naming every bad field: "1 field is invalid", "3 fields are invalid". */
    public static Problem invalid(List<FieldError> errors) {
        return Problem.invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    /**
     * A JSON value of the wrong type ({@code "qty": "two"}) as a validation problem naming it by
     * its path in the body; a body that is not an object at all is the field {@value FieldPaths#BODY}.
     */
    public static Problem wrongType(MismatchedInputException e) {
        return invalid(List.of(new FieldError(FieldPaths.json(e), FieldPaths.expected(e.getTargetType()))));
    }
}
