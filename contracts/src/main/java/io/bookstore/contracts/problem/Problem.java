package io.bookstore.contracts.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}). {@code errors}
 * names each bad field of a validation problem and is left out otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), ProblemType.VALIDATION.status(),
                detail, errors);
    }

    /** One rejected field: {@code field} is the JSON path ({@code lines[0].qty}) or the header name. */
    public record FieldError(String field, String message) {
    }
}
