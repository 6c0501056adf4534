package io.bookstore.orders.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A paid order names the payment that paid it; a failed payment may have no id (the
 * provider can refuse before it creates one).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PaymentIdWhenPaid.Validator.class)
public @interface PaymentIdWhenPaid {

    String message() default "is required when status is paid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PaymentIdWhenPaid, StatusChangeRequest> {

        @Override
        public boolean isValid(StatusChangeRequest request, ConstraintValidatorContext context) {
            if (request == null || !StatusChangeRequest.PAID.equals(request.status()) || request.paymentId() != null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("paymentId")
                    .addConstraintViolation();
            return false;
        }
    }
}
