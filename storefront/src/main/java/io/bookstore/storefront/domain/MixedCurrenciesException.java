package io.bookstore.storefront.domain;

import io.bookstore.contracts.problem.Problem.FieldError;

import java.util.List;

/** The books of one checkout are sold in different currencies: one order is paid in one currency. */
public class MixedCurrenciesException extends RuntimeException {

    private final List<FieldError> errors;

    public MixedCurrenciesException(String currency, List<FieldError> errors) {
        super("the books of one checkout must be sold in one currency; items[0] is sold in " + currency);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
