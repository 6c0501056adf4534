package io.bookstore.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a rendered object against the Kubernetes API schema of its kind, as the typed
 * fabric8 model (the version of the Quarkus BOM) has it. The model keeps what it does not
 * know in {@code additionalProperties} and quietly converts some scalars, where the API
 * server would refuse the object; so two checks:
 * <ul>
 *   <li>no model object of the tree holds an unknown field (a misspelled one, or one at the
 *       wrong level), and {@code apiVersion}/{@code kind} name a real kind;</li>
 *   <li>written back, the object says everything the document said, with the same types:
 *       {@code replicas: "2"} comes back as the number 2 and is reported.</li>
 * </ul>
 */
final class KubernetesSchema {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    /** The typed object, when the document could be read at all, and what is wrong with it. */
    record Result(HasMetadata object, List<String> problems) {
    }

    private KubernetesSchema() {
    }

    static Result check(JsonNode document) {
        String where = document.path("kind").asText("?") + " " + document.path("metadata").path("name").asText("?");
        KubernetesResource typed;
        try {
            typed = SERIALIZATION.convertValue(document, KubernetesResource.class);
        } catch (IllegalArgumentException e) {
            return new Result(null, List.of(where + ": " + e.getMessage().lines().findFirst().orElse("unreadable")));
        }
        if (typed instanceof GenericKubernetesResource || !(typed instanceof HasMetadata object)) {
            return new Result(null, List.of(where + ": " + document.path("apiVersion").asText() + " "
                    + document.path("kind").asText() + " is no kind of the Kubernetes API"));
        }
        List<String> problems = new ArrayList<>();
        unknownFields(object, "", where, problems);
        changedValues(document, writtenBack(object), "", where, problems);
        return new Result(object, problems);
    }

    private static JsonNode writtenBack(HasMetadata object) {
        try {
            return JSON.readTree(SERIALIZATION.asJson(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unknownFields(Object value, String path, String where, List<String> problems) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, path + "." + key, where, problems));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", where, problems);
            }
            return;
        }
        // Scalars of the model (IntOrString, Quantity) have no fields to misspell.
        if (value == null || !value.getClass().getName().startsWith(MODEL_PACKAGE)
                || value instanceof AnyType || value instanceof Quantity) {
            return;
        }
        Map<?, ?> unknown = additionalProperties(value);
        if (!unknown.isEmpty()) {
            problems.add(where + ": unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.keySet().stream().map(key -> (path.isEmpty() ? "" : path.substring(1) + ".") + key).toList())
                    + " (not in " + value.getClass().getSimpleName() + ")");
        }
        BeanDescription bean = JSON.getSerializationConfig().introspect(JSON.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null) {
                unknownFields(accessor.getValue(value), path + "." + property.getName(), where, problems);
            }
        }
    }

    private static Map<?, ?> additionalProperties(Object value) {
        try {
            Method getter = value.getClass().getMethod("getAdditionalProperties");
            Object properties = getter.invoke(value);
            return properties instanceof Map<?, ?> map ? map : Map.of();
        } catch (NoSuchMethodException e) {
            return Map.of();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every value of {@code document} must come back unchanged. The model may add (the
     * {@code kind} of an embedded claim template) and drop empty lists and maps, which mean
     * the same as absent ones.
     */
    private static void changedValues(JsonNode document, JsonNode back, String path, String where, List<String> problems) {
        if (document.isContainerNode() && document.isEmpty()) {
            return;
        }
        if (document.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = document.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                changedValues(field.getValue(), back == null ? null : back.get(field.getKey()), path + "." + field.getKey(), where, problems);
            }
        } else if (document.isArray() && back != null && back.isArray() && back.size() == document.size()) {
            for (int i = 0; i < document.size(); i++) {
                changedValues(document.get(i), back.get(i), path + "[" + i + "]", where, problems);
            }
        } else if (!document.equals(back)) {
            problems.add(where + ": " + path.substring(1) + " is " + document
                    + (back == null ? ", which the schema does not keep" : ", which the schema reads as " + back));
        }
    }
}
