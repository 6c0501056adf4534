package io.bookstore.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rendered object fits the Kubernetes API schema of its kind, and a broken one does not. */
class SchemaValidationTest {

    @EachOverlay
    void everyObjectFitsTheSchemaOfItsKind(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);

        assertThat(rendered.documents()).hasSizeGreaterThan(50);
        assertThat(problems(rendered.yaml())).isEmpty();
    }

    @Test
    void aMisspelledFieldIsCaught() {
        String broken = replaceFirst(kind(), "readinessProbe:", "readinesProbe:");

        assertThat(problems(broken)).singleElement().asString()
                .contains("Deployment", "unknown field", "readinesProbe");
    }

    @Test
    void aFieldAtTheWrongLevelIsCaught() {
        // replicas belongs to a Deployment's spec, not to a PodDisruptionBudget's.
        String broken = replaceFirst(kind(), "  unhealthyPodEvictionPolicy: AlwaysAllow", "  unhealthyPodEvictionPolicy: AlwaysAllow\n  replicas: 1");

        assertThat(problems(broken)).singleElement().asString()
                .contains("PodDisruptionBudget catalog", "unknown field spec.replicas");
    }

    @Test
    void aStringWhereTheSchemaWantsANumberIsCaught() {
        String broken = replaceFirst(kind(), "containerPort: 8081", "containerPort: \"8081\"");

        assertThat(problems(broken)).singleElement().asString()
                .contains("Deployment catalog", "containerPort", "\"8081\"", "8081");
    }

    @Test
    void aValueOfTheWrongShapeIsCaught() {
        String broken = replaceFirst(kind(), "replicas: 2", "replicas: two");

        assertThat(problems(broken)).singleElement().asString().contains("Deployment outbox-publisher", "two");
    }

    @Test
    void anUnknownKindIsCaught() {
        String broken = replaceFirst(kind(), "kind: NetworkPolicy", "kind: NetworkPolcy");

        assertThat(problems(broken)).singleElement().asString().contains("NetworkPolcy", "is no kind");
    }

    private static String kind() {
        return Rendering.overlay("kind").yaml();
    }

    private static String replaceFirst(String yaml, String text, String replacement) {
        assertThat(yaml).contains(text);
        int at = yaml.indexOf(text);
        return yaml.substring(0, at) + replacement + yaml.substring(at + text.length());
    }

    static List<String> problems(String yaml) {
        List<String> problems = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                problems.addAll(KubernetesSchema.check(documents.next()).problems());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }
}
