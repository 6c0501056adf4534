package io.bookstore.kit.http;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.List;

/** Reports each {@link AcrossFields.FieldViolation} of a body on its own field. */
public class AcrossFieldsValidator implements ConstraintValidator<CheckedAcrossFields, AcrossFields> {

    @Override
    public boolean isValid(AcrossFields body, ConstraintValidatorContext context) {
        if (body == null) {
            return true;
        }
        List<AcrossFields.FieldViolation> violations = body.violationsAcrossFields();
        if (violations.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        for (AcrossFields.FieldViolation violation : violations) {
            ConstraintValidatorContext.ConstraintViolationBuilder builder =
                    context.buildConstraintViolationWithTemplate(violation.message());
            if (violation.element() == null) {
                builder.addPropertyNode(violation.property()).addConstraintViolation();
            } else {
                builder.addPropertyNode(violation.property())
                        .addPropertyNode(violation.element()).inIterable().atIndex(violation.index())
                        .addConstraintViolation();
            }
        }
        return false;
    }
}
