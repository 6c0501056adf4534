package io.bookstore.kit.http;

import io.bookstore.contracts.Isbn;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link ValidIsbn}; {@code null} is left to {@code @NotNull}. */
public class IsbnValidator implements ConstraintValidator<ValidIsbn, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Isbn.isValid(value);
    }
}
