package io.bookstore.kit.http;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link WholeNumber}: an optional minus and 1 to 18 digits, nothing else, within the bounds; {@code null} passes. */
public class WholeNumberValidator implements ConstraintValidator<WholeNumber, String> {

    private long min;
    private long max;

    @Override
    public void initialize(WholeNumber bounds) {
        min = bounds.min();
        max = bounds.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        if (!value.matches("-?[0-9]{1,18}")) {
            return false;
        }
        long number = Long.parseLong(value);
        return number >= min && number <= max;
    }
}
