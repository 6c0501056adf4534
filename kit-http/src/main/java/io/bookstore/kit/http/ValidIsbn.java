package io.bookstore.kit.http;

import io.bookstore.contracts.Isbn;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ISBN-13 with a valid check digit, hyphens optional ({@link Isbn#isValid}), on a body's
 * field or record component, a parameter, or a list element ({@code List<@ValidIsbn String>}).
 * {@code null} passes: pair it with {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = IsbnValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidIsbn {

    String message() default "must be an ISBN-13 with a valid check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
