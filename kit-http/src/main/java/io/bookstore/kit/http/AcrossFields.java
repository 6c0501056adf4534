package io.bookstore.kit.http;

import java.util.List;

/** A {@link CheckedAcrossFields} body: the rules between its fields. */
public interface AcrossFields {

    /**
     * What breaks a rule between fields, empty when nothing does. Called after each field's own
     * constraints were checked, whether they held or not: a field that is missing or malformed
     * is theirs to report, so a rule skips it.
     */
    List<FieldViolation> violationsAcrossFields();

    /**
     * One bad field, named as Bean Validation names a property ({@code paymentId}, or
     * {@code lines[2].currency}); the problem names it on the wire ({@code payment_id}).
     */
    record FieldViolation(String property, Integer index, String element, String message) {

        /** A property of the body itself. */
        public static FieldViolation of(String property, String message) {
            return new FieldViolation(property, null, null, message);
        }

        /** {@code element} of the item at {@code index} of the list {@code property}. */
        public static FieldViolation inList(String property, int index, String element, String message) {
            return new FieldViolation(property, index, element, message);
        }
    }
}
