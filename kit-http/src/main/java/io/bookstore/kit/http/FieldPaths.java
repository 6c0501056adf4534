package io.bookstore.kit.http;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** How a problem's {@code errors} name a bad field: as the client wrote it, not as Java calls it. */
final class FieldPaths {

    /** The field of a failure on the request body as a whole. */
    static final String BODY = "body";

    private static final PropertyNamingStrategies.NamingBase WIRE_NAMES = new PropertyNamingStrategies.SnakeCaseStrategy();

    private FieldPaths() {
    }

    /**
     * The JSON path ({@code items[0].qty}) or parameter name ({@code limit}, {@code isbn[1]}) of
     * a Bean Validation violation. The method node is dropped, and so is the body parameter
     * when its properties follow: they are the JSON fields. A violation on a whole parameter is
     * named after it in snake_case ({@code orderId} → {@code order_id}), so a resource calls its
     * body parameter {@code body}.
     */
    static String violation(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            if (node.isInIterable()) {
                appendIndex(field, node.getIndex() != null ? node.getIndex() : node.getKey());
            }
            boolean bodyWithProperties = node.getKind() == ElementKind.PARAMETER
                    && i + 1 < nodes.size() && nodes.get(i + 1).getKind() == ElementKind.PROPERTY;
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.PARAMETER && !bodyWithProperties) {
                appendName(field, WIRE_NAMES.translate(node.getName()));
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    /** The JSON path of a value Jackson could not read ({@code lines[0].qty}); Jackson's names are the wire's already. */
    static String json(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                appendName(field, reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                appendIndex(field, reference.getIndex());
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    /** What a JSON value must be to become the Java type it was read into, in the client's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == Long.class || type == Short.class
                || type == int.class || type == long.class || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    private static void appendName(StringBuilder field, String name) {
        if (!field.isEmpty()) {
            field.append('.');
        }
        field.append(name);
    }

    private static void appendIndex(StringBuilder field, Object index) {
        if (index != null) {
            field.append('[').append(index).append(']');
        }
    }
}
