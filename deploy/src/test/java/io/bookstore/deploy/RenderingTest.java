package io.bookstore.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The overlays render, into namespace bookstore, and differ from each other only as intended. */
class RenderingTest {

    @EachOverlay
    void theOverlayRendersIntoNamespaceBookstore(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);

        assertThat(rendered.all(Namespace.class)).singleElement()
                .satisfies(namespace -> assertThat(namespace.getMetadata().getName()).isEqualTo("bookstore"));
        assertThat(rendered.all(ClusterRole.class)).as("pod discovery needs a Role of the namespace only").isEmpty();
        assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
        assertThat(rendered.objects()).filteredOn(object -> !(object instanceof Namespace))
                .allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).as(describe(object)).isEqualTo("bookstore"))
                .allSatisfy(object -> assertThat(object.getMetadata().getLabels()).as(describe(object))
                        .containsEntry("app.kubernetes.io/part-of", "bookstore"));
    }

    @EachOverlay
    void kindLabelsItsTelemetryAsTheLocalKindCluster(String overlay) {
        assertThat(Rendering.overlay(overlay).configMap("cluster-settings").getData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("REGION", "local", "ENVIRONMENT", "kind"));
    }

    @Test
    void theNativeOverlayIsKindWithNativeImagesAndLessMemory() {
        Map<String, JsonNode> jvm = byName(Rendering.overlay("kind"));
        Map<String, JsonNode> nativeImages = byName(Rendering.overlay("kind-native"));

        assertThat(nativeImages.keySet()).isEqualTo(jvm.keySet());
        for (String object : jvm.keySet()) {
            JsonNode nativeObject = nativeImages.get(object);
            if (!object.startsWith("Deployment ") || !DeployFiles.servicePorts().containsKey(object.substring("Deployment ".length()))) {
                assertThat(nativeObject).as(object).isEqualTo(jvm.get(object));
                continue;
            }
            JsonNode jvmContainer = jvm.get(object).at("/spec/template/spec/containers/0");
            JsonNode nativeContainer = nativeObject.at("/spec/template/spec/containers/0");

            assertThat(nativeContainer.path("image").asText()).isEqualTo(jvmContainer.path("image").asText() + "-native");
            assertThat(memory(nativeContainer, "limits")).as(object).isLessThan(memory(jvmContainer, "limits"));
            assertThat(memory(nativeContainer, "requests")).as(object).isLessThan(memory(jvmContainer, "requests"));
            ObjectNode jvmRest = jvmContainer.deepCopy();
            ObjectNode nativeRest = nativeContainer.deepCopy();
            jvmRest.remove(List.of("image", "resources"));
            nativeRest.remove(List.of("image", "resources"));
            assertThat(nativeRest).as(object + " besides image and resources").isEqualTo(jvmRest);
        }
    }

    private static long memory(JsonNode container, String kind) {
        return Quantity.getAmountInBytes(new Quantity(container.path("resources").path(kind).path("memory").asText())).longValue();
    }

    private static Map<String, JsonNode> byName(Rendered rendered) {
        Map<String, JsonNode> objects = new LinkedHashMap<>();
        rendered.documents().forEach(document -> objects.put(
                document.path("kind").asText() + " " + document.path("metadata").path("name").asText(), document));
        return objects;
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
