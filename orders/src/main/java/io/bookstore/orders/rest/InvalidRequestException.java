package io.bookstore.orders.rest;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/** A request rejected outside Bean Validation (headers, path): each bad field with its reason. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String field, String message) {
        super(field + " " + message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
