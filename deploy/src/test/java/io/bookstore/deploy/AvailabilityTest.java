package io.bookstore.deploy;

import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17 in the cluster: two replicas of every service, a budget and a rollout that keep one
 * serving, probes that fit the measured start-up, and a shutdown that finishes in-flight work
 * before the kubelet's SIGKILL. See deploy/README.md#availability for the numbers' reasons.
 */
class AvailabilityTest {

    /** Holds its intents in memory: a second replica would not know the first one's (its manifest says so). */
    private static final String SINGLE_BY_DESIGN = "psp-simulator";
    /**
     * Twice the slowest start measured under load (recommendations, ready 30.5 s after its
     * death in the chaos run of docs/chaos.md), so that a slow start is never killed as a hung one.
     */
    private static final int MIN_START_BUDGET_SECONDS = 60;
    /** A pod ready after its 1.7-4.3 s start (docs/chaos.md) gets traffic within this many seconds. */
    private static final int MAX_READINESS_PERIOD_SECONDS = 5;
    /** kube-proxy and the ingress controller see a removed endpoint within a second or two. */
    private static final int MIN_PRE_STOP_SLEEP_SECONDS = 3;
    /**
     * What stops after the HTTP drain and before the kubelet's SIGKILL: the consumers wait up to
     * auto.commit.interval.ms (5 s) for the records in hand, then commit and leave the group; the
     * relay waits for its round in flight (send-timeout + 2 s, 12 s); then the clients close.
     */
    private static final int MIN_SECONDS_AFTER_DRAIN = 15;
    private static final Pattern QUARKUS_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Test
    void theBaseRunsTwoReplicasOfEveryServiceButTheSimulatedPsp() {
        Rendered base = Rendering.base();
        for (String service : DeployFiles.servicePorts().keySet()) {
            Workload workload = base.workload(service);
            if (service.equals(SINGLE_BY_DESIGN)) {
                assertThat(workload.replicas()).as(workload + " replicas").isEqualTo(1);
                assertThat(DeployFiles.read(DeployFiles.deployDir().resolve("base/services/" + service + ".yaml")))
                        .as("its manifest says why one").contains("in memory");
            } else {
                assertThat(workload.replicas()).as(workload + " replicas").isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void theKindOverlayRunsOneReplicaOfTheHttpServicesAndSaysSo() {
        for (String overlay : Rendering.OVERLAYS) {
            Rendered rendered = Rendering.overlay(overlay);
            for (String service : DeployFiles.servicePorts().keySet()) {
                int expected = service.equals("outbox-publisher") ? 2 : 1;
                assertThat(rendered.workload(service).replicas()).as(overlay + " " + service).isEqualTo(expected);
            }
        }
        assertThat(DeployFiles.read(DeployFiles.deployDir().resolve("overlays/kind/kustomization.yaml")))
                .as("the overlay says why it shrinks the services and what that loses")
                .contains("One replica of each HTTP service instead of the base's two", "What it loses against the base");
    }

    @Test
    void everyServiceOfTheBaseStaysAvailableAndStopsGracefully() {
        assertThat(problems(Rendering.base())).isEmpty();
    }

    @EachOverlay
    void everyServiceOfEachOverlayStaysAvailableAndStopsGracefully(String overlay) {
        assertThat(problems(Rendering.overlay(overlay))).isEmpty();
    }

    @Test
    void aBudgetThatBlocksEveryDrainIsCaught() {
        Rendered broken = broken("  name: catalog\n  namespace: bookstore\nspec:\n  maxUnavailable: 1",
                "  name: catalog\n  namespace: bookstore\nspec:\n  minAvailable: 2");

        assertThat(problems(broken)).singleElement().asString().contains("PodDisruptionBudget", "lets 0 pods");
    }

    @Test
    void aRolloutThatStopsAPodBeforeItsSuccessorIsReadyIsCaught() {
        Rendered broken = broken("      maxUnavailable: 0\n", "      maxUnavailable: 1\n");

        assertThat(problems(broken)).singleElement().asString().contains("rolling update", "maxUnavailable 1");
    }

    @Test
    void aStartupProbeOnLivenessOrTooShortIsCaught() {
        Rendered onLive = broken("path: /q/health/started", "path: /q/health/live");
        Rendered tooShort = broken("failureThreshold: 120", "failureThreshold: 20");

        assertThat(problems(onLive)).singleElement().asString().contains("startup probe asks /q/health/live");
        assertThat(problems(tooShort)).singleElement().asString().contains("startup probe gives 20 s");
    }

    @Test
    void aGracePeriodTheDrainDoesNotFitIsCaught() {
        Rendered broken = broken("terminationGracePeriodSeconds: 40", "terminationGracePeriodSeconds: 30");

        assertThat(problems(broken)).singleElement().asString()
                .contains("terminationGracePeriodSeconds 30", "preStop 5 s + QUARKUS_SHUTDOWN_TIMEOUT 15 s + 15 s");
    }

    @Test
    void aServiceWithoutAShutdownTimeoutIsCaught() {
        Rendered broken = broken("QUARKUS_SHUTDOWN_TIMEOUT: 15s", "QUARKUS_SHUTDOWN_TIMEOUTS: 15s");

        assertThat(problems(broken)).singleElement().asString().contains("sets no QUARKUS_SHUTDOWN_TIMEOUT");
    }

    /** The base with the first occurrence of {@code text} replaced, so one service breaks. */
    private static Rendered broken(String text, String replacement) {
        String yaml = Rendering.base().yaml();
        assertThat(yaml).contains(text);
        int at = yaml.indexOf(text);
        return Rendered.parse("broken base", yaml.substring(0, at) + replacement + yaml.substring(at + text.length()));
    }

    private static List<String> problems(Rendered rendered) {
        List<String> problems = new ArrayList<>();
        for (String service : DeployFiles.servicePorts().keySet()) {
            Workload workload = rendered.workload(service);
            Container container = workload.pod().getContainers().get(0);
            budgetProblems(rendered, workload, problems);
            rolloutProblems(rendered.named(Deployment.class, workload.name()), problems);
            spreadProblems(workload, problems);
            probeProblems(workload, container, problems);
            shutdownProblems(rendered, workload, container, problems);
        }
        return problems;
    }

    /** A drain takes one pod at a time: never more, and never none (which blocks it for good). */
    private static void budgetProblems(Rendered rendered, Workload workload, List<String> problems) {
        List<PodDisruptionBudget> budgets = rendered.all(PodDisruptionBudget.class).stream()
                .filter(budget -> Flows.matches(budget.getSpec().getSelector(), workload.labels()))
                .toList();
        if (budgets.size() != 1) {
            problems.add(workload + " is selected by " + budgets.size() + " PodDisruptionBudgets, not one");
            return;
        }
        IntOrString maxUnavailable = budgets.get(0).getSpec().getMaxUnavailable();
        IntOrString minAvailable = budgets.get(0).getSpec().getMinAvailable();
        int leaving = maxUnavailable != null ? count(maxUnavailable) : workload.replicas() - count(minAvailable);
        if (leaving != 1) {
            problems.add("PodDisruptionBudget " + budgets.get(0).getMetadata().getName() + " lets " + leaving
                    + " pods of " + workload.replicas() + " go at once, not one");
        }
    }

    private static int count(IntOrString value) {
        if (value.getIntVal() == null) {
            throw new AssertionError("a percentage in a budget of two pods rounds: give a number, not " + value.getStrVal());
        }
        return value.getIntVal();
    }

    private static void rolloutProblems(Deployment deployment, List<String> problems) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        String where = "Deployment " + deployment.getMetadata().getName() + " rolling update";
        if (strategy == null || strategy.getRollingUpdate() == null) {
            problems.add(where + " is not configured: Kubernetes' default stops a pod before its successor is ready");
            return;
        }
        IntOrString maxUnavailable = strategy.getRollingUpdate().getMaxUnavailable();
        IntOrString maxSurge = strategy.getRollingUpdate().getMaxSurge();
        if (maxUnavailable == null || maxUnavailable.getIntVal() == null || maxUnavailable.getIntVal() != 0) {
            problems.add(where + " has maxUnavailable " + (maxUnavailable == null ? "25% (the default)" : text(maxUnavailable))
                    + ", not 0: a pod would stop before its successor is ready");
        }
        if (maxSurge == null || maxSurge.getIntVal() == null || maxSurge.getIntVal() < 1) {
            problems.add(where + " surges by " + (maxSurge == null ? "the default" : text(maxSurge)) + ", not at least one pod");
        }
    }

    private static String text(IntOrString value) {
        return value.getIntVal() != null ? value.getIntVal().toString() : value.getStrVal();
    }

    /** Replicas on different nodes where the cluster has several, and schedulable where it has one. */
    private static void spreadProblems(Workload workload, List<String> problems) {
        boolean spread = workload.pod().getTopologySpreadConstraints().stream()
                .anyMatch(constraint -> spreadsOverNodes(constraint, workload.labels()));
        if (!spread) {
            problems.add(workload + " has no ScheduleAnyway spread of its own pods over kubernetes.io/hostname");
        }
    }

    private static boolean spreadsOverNodes(TopologySpreadConstraint constraint, Map<String, String> labels) {
        return constraint.getTopologyKey().equals("kubernetes.io/hostname")
                && constraint.getWhenUnsatisfiable().equals("ScheduleAnyway")
                && Flows.matches(constraint.getLabelSelector(), labels);
    }

    private static void probeProblems(Workload workload, Container container, List<String> problems) {
        Probe startup = container.getStartupProbe();
        if (startup == null) {
            problems.add(workload + " has no startup probe: liveness would judge a slow start");
            return;
        }
        String startupPath = startup.getHttpGet() == null ? "no HTTP path" : startup.getHttpGet().getPath();
        if (!startupPath.equals("/q/health/started")) {
            problems.add(workload + " startup probe asks " + startupPath + ", not /q/health/started");
        }
        int budget = orDefault(startup.getPeriodSeconds(), 10) * orDefault(startup.getFailureThreshold(), 3);
        if (budget < MIN_START_BUDGET_SECONDS) {
            problems.add(workload + " startup probe gives " + budget + " s before a restart, less than "
                    + MIN_START_BUDGET_SECONDS + " s (twice the slowest start measured under load)");
        }
        Probe readiness = container.getReadinessProbe();
        if (readiness == null || orDefault(readiness.getPeriodSeconds(), 10) > MAX_READINESS_PERIOD_SECONDS) {
            problems.add(workload + " readiness is probed less often than every " + MAX_READINESS_PERIOD_SECONDS + " s");
        }
    }

    /** The sleep, the HTTP drain and what stops after it all end before the kubelet's SIGKILL. */
    private static void shutdownProblems(Rendered rendered, Workload workload, Container container, List<String> problems) {
        String timeout = ServiceConfigurationTest.environment(rendered, workload).get("QUARKUS_SHUTDOWN_TIMEOUT");
        if (timeout == null) {
            problems.add(workload + " sets no QUARKUS_SHUTDOWN_TIMEOUT: Quarkus then drops the requests in flight at SIGTERM");
            return;
        }
        int preStop = container.getLifecycle() == null || container.getLifecycle().getPreStop() == null
                || container.getLifecycle().getPreStop().getSleep() == null
                ? 0 : container.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        if (preStop < MIN_PRE_STOP_SLEEP_SECONDS) {
            problems.add(workload + " sleeps " + preStop + " s before SIGTERM, less than " + MIN_PRE_STOP_SLEEP_SECONDS
                    + " s: requests still routed to it would meet a closing server");
        }
        long drain = quarkusDuration(timeout).toSeconds();
        int grace = workload.pod().getTerminationGracePeriodSeconds() == null ? 30
                : workload.pod().getTerminationGracePeriodSeconds().intValue();
        if (grace < preStop + drain + MIN_SECONDS_AFTER_DRAIN) {
            problems.add(workload + " terminationGracePeriodSeconds " + grace + " is less than preStop " + preStop
                    + " s + QUARKUS_SHUTDOWN_TIMEOUT " + drain + " s + " + MIN_SECONDS_AFTER_DRAIN
                    + " s for the consumers, the relay and the clients");
        }
    }

    private static int orDefault(Integer value, int kubernetesDefault) {
        return value == null ? kubernetesDefault : value;
    }

    /** Quarkus' duration syntax: a number of seconds, a number with a unit, or ISO-8601. */
    static Duration quarkusDuration(String value) {
        Matcher simple = QUARKUS_DURATION.matcher(value.strip());
        if (!simple.matches()) {
            return Duration.parse(value.strip().toUpperCase().startsWith("P") ? value.strip() : "PT" + value.strip());
        }
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "s" : simple.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
