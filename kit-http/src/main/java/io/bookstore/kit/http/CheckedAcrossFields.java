package io.bookstore.kit.http;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body whose fields must agree with each other (a line's currency with the
 * order's, a payment id with a paid status): the body says how in
 * {@link AcrossFields#violationsAcrossFields()}, and each violation names its own field, so
 * that a rule between fields needs no annotation and validator of its own.
 */
@Documented
@Constraint(validatedBy = AcrossFieldsValidator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CheckedAcrossFields {

    /** Unused: each violation carries its own message. */
    String message() default "is invalid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
