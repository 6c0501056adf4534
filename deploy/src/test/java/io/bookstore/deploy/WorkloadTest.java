package io.bookstore.deploy;

import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Pods, Services and budgets fit together, and each service runs as DESIGN.md says. */
class WorkloadTest {

    /** A third-party image with a version tag (at least major.minor), never latest. */
    private static final Pattern PINNED = Pattern.compile("^[a-z0-9./-]+:v?\\d+\\.\\d+[\\w.-]*$");
    /** A dependent environment variable's reference, {@code $(NAME)}. */
    private static final Pattern EXPANDED = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    @EachOverlay
    void everyServiceSelectsPodsThatHaveItsTargetPorts(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Service service : rendered.all(Service.class)) {
            List<Workload> pods = Flows.selected(rendered, service.getSpec().getSelector());
            if (pods.isEmpty()) {
                problems.add("Service " + service.getMetadata().getName() + " selects no pods");
            }
            for (Workload pod : pods) {
                for (ServicePort port : service.getSpec().getPorts()) {
                    if (pod.containerPort(port.getTargetPort()).isEmpty()) {
                        problems.add("Service " + service.getMetadata().getName() + " port " + port.getPort() + " targets "
                                + port.getTargetPort().getValue() + ", which " + pod + " does not declare");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @EachOverlay
    void everyLongRunningContainerHasReadinessAndLivenessProbesOnItsOwnPorts(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : Rendering.overlay(overlay).workloads()) {
            if (workload.kind().equals("Job")) {
                continue;
            }
            for (Container container : workload.pod().getContainers()) {
                String where = workload + " container " + container.getName();
                checkProbe(workload, where + " readiness", container.getReadinessProbe(), problems);
                checkProbe(workload, where + " liveness", container.getLivenessProbe(), problems);
                if (container.getStartupProbe() != null) {
                    checkProbe(workload, where + " startup", container.getStartupProbe(), problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static void checkProbe(Workload workload, String where, Probe probe, List<String> problems) {
        if (probe == null) {
            problems.add(where + " probe is missing");
        } else if (probe.getHttpGet() != null && workload.containerPort(probe.getHttpGet().getPort()).isEmpty()) {
            problems.add(where + " probe asks port " + probe.getHttpGet().getPort().getValue() + ", which the pod does not declare");
        } else if (probe.getTcpSocket() != null && workload.containerPort(probe.getTcpSocket().getPort()).isEmpty()) {
            problems.add(where + " probe opens port " + probe.getTcpSocket().getPort().getValue() + ", which the pod does not declare");
        }
    }

    @ParameterizedTest
    @MethodSource("io.bookstore.deploy.Rendering#servicesOfEachOverlay")
    void theServicesAnswerTheirProbesOnQuarkusHealthAtTheirDesignPort(String overlay, String service, int port) {
        Rendered rendered = Rendering.overlay(overlay);
        Workload workload = rendered.workload(service);
        Container container = workload.pod().getContainers().get(0);

        assertThat(container.getPorts()).as(workload + " ports").singleElement()
                .satisfies(containerPort -> assertThat(containerPort.getContainerPort()).isEqualTo(port));
        assertThat(probe(workload, container.getReadinessProbe())).as(workload + " readiness")
                .isEqualTo("/q/health/ready on " + port);
        assertThat(probe(workload, container.getLivenessProbe())).as(workload + " liveness")
                .isEqualTo("/q/health/live on " + port);
        assertThat(probe(workload, container.getStartupProbe())).as(workload + " startup")
                .isEqualTo("/q/health/started on " + port);
        assertThat(rendered.named(Service.class, service).getSpec().getPorts()).as("Service " + service)
                .singleElement().satisfies(servicePort -> assertThat(servicePort.getPort()).isEqualTo(port));
    }

    private static String probe(Workload workload, Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        return get.getPath() + " on " + workload.containerPort(get.getPort()).orElse(-1);
    }

    /**
     * The kubelet expands {@code $(NAME)} in a value only when NAME comes earlier in the list; a
     * patch that merges into {@code env} puts its entries first, so the order is checked as rendered.
     */
    @EachOverlay
    void everyVariableAnEnvValueExpandsIsDefinedBeforeIt(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : Rendering.overlay(overlay).workloads()) {
            workload.allContainers().forEach(container -> {
                Set<String> defined = new TreeSet<>();
                for (EnvVar variable : container.getEnv()) {
                    Matcher reference = EXPANDED.matcher(variable.getValue() == null ? "" : variable.getValue());
                    while (reference.find()) {
                        if (!defined.contains(reference.group(1))) {
                            problems.add(workload + " container " + container.getName() + ": " + variable.getName()
                                    + " expands $(" + reference.group(1) + "), which is not defined before it");
                        }
                    }
                    defined.add(variable.getName());
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @EachOverlay
    void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : Rendering.overlay(overlay).workloads()) {
            workload.allContainers().forEach(container -> {
                for (String resource : List.of("cpu", "memory")) {
                    if (!container.getResources().getRequests().containsKey(resource)) {
                        problems.add(workload + " container " + container.getName() + " requests no " + resource);
                    }
                    if (!container.getResources().getLimits().containsKey(resource)) {
                        problems.add(workload + " container " + container.getName() + " has no " + resource + " limit");
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.bookstore.deploy.Rendering#servicesOfEachOverlay")
    void theServicesAreLabelledAndAnnotatedForPrometheus(String overlay, String service, int port) {
        Workload workload = Rendering.overlay(overlay).workload(service);

        assertThat(workload.labels()).as(workload + " labels")
                .containsEntry("app.kubernetes.io/name", service)
                .containsEntry("app.kubernetes.io/part-of", "bookstore");
        assertThat(workload.podMetadata().getAnnotations()).as(workload + " annotations")
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", Integer.toString(port))
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @EachOverlay
    void everyServiceHasADisruptionBudgetAndTwoRelaysRun(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        for (String service : DeployFiles.servicePorts().keySet()) {
            Workload workload = rendered.workload(service);

            assertThat(rendered.all(PodDisruptionBudget.class))
                    .as("a PodDisruptionBudget selecting " + workload)
                    .anySatisfy(budget -> assertThat(Flows.matches(budget.getSpec().getSelector(), workload.labels())).isTrue());
        }
        assertThat(rendered.workload("outbox-publisher").replicas()).isEqualTo(2);
    }

    @EachOverlay
    void imagesAreTheOnesUpShBuildsOrPinnedReleases(String overlay) {
        Set<String> built = new TreeSet<>(ScriptsTest.upSh(overlay.endsWith("native") ? "--print-images --native" : "--print-images")
                .out().lines().toList());
        Set<String> bookstore = new TreeSet<>();
        List<String> unpinned = new ArrayList<>();
        for (Workload workload : Rendering.overlay(overlay).workloads()) {
            workload.allContainers().forEach(container -> {
                if (container.getImage().startsWith("bookstore/")) {
                    bookstore.add(container.getImage());
                } else if (!PINNED.matcher(container.getImage()).matches()) {
                    unpinned.add(workload + " runs " + container.getImage());
                }
            });
        }
        assertThat(bookstore).isEqualTo(built);
        assertThat(unpinned).isEmpty();
    }
}
