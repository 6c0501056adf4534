package io.bookstore.kit.http;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/**
 * A request refused outside Bean Validation (a header, a parameter, a book that does not
 * exist): a 400 validation problem naming each bad field. Its stack trace is not recorded: it
 * is the client's mistake, not the server's.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** One bad field; the detail says it in a sentence: "Idempotency-Key must be sent once". */
    public InvalidRequestException(String field, String message) {
        this(field + " " + message, List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
