package io.bookstore.kit.http;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A query parameter that must be a whole number within bounds. Declaring such a parameter
 * as {@code int} would turn "abc" into a 404 (the JAX-RS rule for unconvertible query
 * parameters); as a string it becomes a 400 that names the parameter.
 */
@Documented
@Constraint(validatedBy = WholeNumberValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface WholeNumber {

    long min();

    long max();

    String message() default "must be a whole number from {min} to {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
