package io.bookstore.storefront.rest;

import io.bookstore.contracts.Isbn;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each book appears once in a checkout, in whatever spelling: catalog holds one reservation
 * line per book, and two lines of one book would be a basket the client did not mean.
 * The later item is named, with the index of the first.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DistinctIsbns.Validator.class)
public @interface DistinctIsbns {

    String message() default "repeats a book of an earlier item";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DistinctIsbns, CheckoutRequest> {

        @Override
        public boolean isValid(CheckoutRequest request, ConstraintValidatorContext context) {
            if (request == null || request.items() == null) {
                return true;
            }
            boolean valid = true;
            Map<String, Integer> firstIndex = new HashMap<>();
            List<CheckoutItemRequest> items = request.items();
            for (int i = 0; i < items.size(); i++) {
                CheckoutItemRequest item = items.get(i);
                if (item == null || item.isbn() == null || !Isbn.isValid(item.isbn())) {
                    continue;
                }
                Integer first = firstIndex.putIfAbsent(Isbn.digits(item.isbn()), i);
                if (first != null) {
                    if (valid) {
                        context.disableDefaultConstraintViolation();
                        valid = false;
                    }
                    context.buildConstraintViolationWithTemplate("repeats the book of items[" + first + "]; merge the quantities")
                            .addPropertyNode("items")
                            .addPropertyNode("isbn").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
