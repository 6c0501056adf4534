package io.bookstore.orders.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * A line that names its currency names the order's: one order is paid in one currency,
 * and a line priced in another would make {@code total_cents} meaningless.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LinesInOrderCurrency.Validator.class)
public @interface LinesInOrderCurrency {

    String message() default "must be the order's currency";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LinesInOrderCurrency, CreateOrderRequest> {

        @Override
        public boolean isValid(CreateOrderRequest request, ConstraintValidatorContext context) {
            if (request == null || request.currency() == null || request.lines() == null) {
                return true;
            }
            boolean valid = true;
            List<LineRequest> lines = request.lines();
            for (int i = 0; i < lines.size(); i++) {
                LineRequest line = lines.get(i);
                if (line != null && line.currency() != null && !line.currency().equals(request.currency())) {
                    if (valid) {
                        context.disableDefaultConstraintViolation();
                        valid = false;
                    }
                    context.buildConstraintViolationWithTemplate("must be the order's currency " + request.currency())
                            .addPropertyNode("lines")
                            .addPropertyNode("currency").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
