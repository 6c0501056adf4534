package io.bookstore.recommendations.domain;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/** A request that names something it may not: each bad field is listed. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String message, List<FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
