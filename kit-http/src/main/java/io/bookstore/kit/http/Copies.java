package io.bookstore.kit.http;

import io.bookstore.contracts.OrderRules;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The copies of one book on one line of an order, as storefront's checkout, catalog's
 * reservation and orders' {@code POST /orders} take them: present, and from 1 to
 * {@link OrderRules#MAX_QTY}. Each rule reports its own violation, as if written out.
 */
@NotNull(message = "is required")
@Min(value = 1, message = Copies.RANGE)
@Max(value = OrderRules.MAX_QTY, message = Copies.RANGE)
@Documented
@Constraint(validatedBy = {})
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.ANNOTATION_TYPE, ElementType.CONSTRUCTOR,
        ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Copies {

    String RANGE = "must be between 1 and " + OrderRules.MAX_QTY;

    /** Unused: the composing constraints report, each with its own message. */
    String message() default RANGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
