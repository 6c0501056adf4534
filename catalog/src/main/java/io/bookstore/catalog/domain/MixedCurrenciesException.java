package io.bookstore.catalog.domain;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/**
 * The books of one reservation are sold in different currencies: a reservation holds the
 * stock of one order, and one order is paid in one currency. Nothing was reserved.
 */
public class MixedCurrenciesException extends RuntimeException {

    private final List<FieldError> errors;

    public MixedCurrenciesException(String currency, List<FieldError> errors) {
        super("the books of one order must be sold in one currency; items[0] is sold in " + currency);
        this.errors = List.copyOf(errors);
    }

    /** Each item sold in another currency than items[0], by its position in the request. */
    public List<FieldError> errors() {
        return errors;
    }
}
