package io.bookstore.payments.rest;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/** A request the API refuses before doing anything: a 400 naming each bad field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String field, String message) {
        super("1 field is invalid", null, false, false);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
