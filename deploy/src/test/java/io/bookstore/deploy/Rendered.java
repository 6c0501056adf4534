package io.bookstore.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The objects of one rendering: as documents, and typed. */
record Rendered(String overlay, String yaml, List<JsonNode> documents, List<HasMetadata> objects) {

    static final String NAME_LABEL = "app.kubernetes.io/name";

    /** kustomize's configMapGenerator appends a hash of the content to the name. */
    private static final Pattern GENERATED_SUFFIX = Pattern.compile("-[a-z0-9]{10}$");

    /** A pod template and what runs it. */
    record Workload(String kind, String name, int replicas, PodTemplateSpec template) {

        ObjectMeta podMetadata() {
            return template.getMetadata();
        }

        PodSpec pod() {
            return template.getSpec();
        }

        Map<String, String> labels() {
            return template.getMetadata().getLabels();
        }

        /** The value of app.kubernetes.io/name, which names the pods everywhere (policies, scrapes, flows). */
        String app() {
            return labels().get(NAME_LABEL);
        }

        Stream<Container> allContainers() {
            return Stream.concat(pod().getInitContainers().stream(), pod().getContainers().stream());
        }

        /** The container port a Service's or a probe's port means: a number, or a port name. */
        OptionalInt containerPort(IntOrString port) {
            for (Container container : pod().getContainers()) {
                for (ContainerPort declared : container.getPorts()) {
                    if (port.getIntVal() != null ? port.getIntVal().equals(declared.getContainerPort())
                            : port.getStrVal().equals(declared.getName())) {
                        return OptionalInt.of(declared.getContainerPort());
                    }
                }
            }
            return OptionalInt.empty();
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    static Rendered parse(String overlay, String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> reader = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (reader.hasNext()) {
                JsonNode document = reader.next();
                if (document != null && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendering of " + overlay + " is no YAML", e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode document : documents) {
            KubernetesSchema.Result result = KubernetesSchema.check(document);
            if (result.object() == null) {
                throw new AssertionError("overlay " + overlay + ": " + result.problems());
            }
            objects.add(result.object());
        }
        return new Rendered(overlay, yaml, List.copyOf(documents), List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(
                "overlay " + overlay + " renders no " + type.getSimpleName() + " " + name));
    }

    /** A generated ConfigMap by the name its generator gives, without the content hash. */
    ConfigMap configMap(String generatorName) {
        return all(ConfigMap.class).stream()
                .filter(map -> GENERATED_SUFFIX.matcher(map.getMetadata().getName()).replaceFirst("").equals(generatorName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + overlay + " renders no ConfigMap " + generatorName));
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment deployment : all(Deployment.class)) {
            workloads.add(new Workload("Deployment", deployment.getMetadata().getName(),
                    deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas(), deployment.getSpec().getTemplate()));
        }
        for (StatefulSet set : all(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", set.getMetadata().getName(),
                    set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas(), set.getSpec().getTemplate()));
        }
        for (Job job : all(Job.class)) {
            workloads.add(new Workload("Job", job.getMetadata().getName(), 1, job.getSpec().getTemplate()));
        }
        return workloads;
    }

    Workload workload(String app) {
        return workloads().stream().filter(workload -> app.equals(workload.app())).findFirst()
                .orElseThrow(() -> new AssertionError("overlay " + overlay + " renders no pods labelled " + NAME_LABEL + "=" + app));
    }
}
