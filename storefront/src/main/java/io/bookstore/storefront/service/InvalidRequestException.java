package io.bookstore.storefront.service;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/** A request rejected outside Bean Validation (headers, parameters, books catalog does not know): each bad field with its reason. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String message) {
        this(field + " " + message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
