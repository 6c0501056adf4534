package io.bookstore.deploy;

import io.bookstore.deploy.Flows.Flow;
import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each pod lets in exactly the callers it has: the flows the NetworkPolicies allow are the
 * flows the configuration needs (see {@link Flows}), no more and no fewer.
 */
class NetworkPolicyTest {

    @EachOverlay
    void ingressIsDeniedByDefault(String overlay) {
        assertThat(Rendering.overlay(overlay).all(NetworkPolicy.class)).anySatisfy(policy -> {
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEmpty();
            assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).isEmpty();
        });
    }

    @EachOverlay
    void everyPodHasAPolicyOfItsOwnBesidesTheDefaultDeny(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);
        List<NetworkPolicy> ownPolicies = rendered.all(NetworkPolicy.class).stream()
                .filter(policy -> !policy.getSpec().getPodSelector().getMatchLabels().isEmpty()
                        || !policy.getSpec().getPodSelector().getMatchExpressions().isEmpty())
                .toList();
        List<String> uncovered = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            if (ownPolicies.stream().noneMatch(policy -> Flows.matches(policy.getSpec().getPodSelector(), workload.labels()))) {
                uncovered.add(workload.toString());
            }
        }
        assertThat(uncovered).isEmpty();
    }

    @EachOverlay
    void everyHostAndPortTheConfigurationNamesIsAServicePort(String overlay) {
        assertThat(Flows.unresolvedReferences(Rendering.overlay(overlay))).isEmpty();
    }

    @EachOverlay
    void thePoliciesAllowExactlyTheFlowsTheConfigurationNeeds(String overlay) {
        Rendered rendered = Rendering.overlay(overlay);

        assertThat(difference(rendered)).isEmpty();
        assertThat(Flows.needed(rendered)).as("a few flows everyone knows are there").contains(
                new Flow("storefront", "catalog", 8081),
                new Flow("payments-gateway", "orders", 8082),
                new Flow("psp-simulator", "payments-gateway", 8084),
                new Flow(Flows.INGRESS_CONTROLLER, "payments-gateway", 8084),
                new Flow("outbox-publisher", "postgres", 5432),
                new Flow("kafka-topics", "kafka", 9092),
                new Flow("prometheus", "outbox-publisher", 8083),
                new Flow("otel-collector", "tempo", 4317),
                new Flow("grafana", "loki", 3100));
    }

    @Test
    void aMissingAllowanceIsCaught() {
        Rendered broken = freshKind();
        valuesOf(broken, "orders").remove("payments-gateway");

        assertThat(difference(broken)).containsExactly("needed, not allowed: payments-gateway -> orders:8082");
    }

    @Test
    void theKafkaNodesNeedEachOthersControllerPortFromTheQuorumVoters() {
        Rendered broken = Rendered.parse("base (broken copy)", Rendering.base().yaml());
        broken.named(NetworkPolicy.class, "kafka").getSpec().getIngress().remove(1);

        assertThat(difference(broken)).containsExactly("needed, not allowed: kafka -> kafka:9093");
    }

    @Test
    void anAllowanceNobodyNeedsIsCaught() {
        Rendered broken = freshKind();
        valuesOf(broken, "catalog").add("psp-simulator");

        assertThat(difference(broken)).containsExactly("allowed, not needed: psp-simulator -> catalog:8081");
    }

    @Test
    void aPolicyWithoutPortsIsCaught() {
        Rendered broken = freshKind();
        broken.named(NetworkPolicy.class, "catalog").getSpec().getIngress().get(0).getPorts().clear();

        assertThat(difference(broken)).contains("allowed, not needed: storefront -> catalog:any port");
    }

    private static List<String> difference(Rendered rendered) {
        Set<Flow> needed = Flows.needed(rendered);
        Set<Flow> allowed = Flows.allowed(rendered);
        List<String> difference = new ArrayList<>();
        Set<Flow> excess = new TreeSet<>(allowed);
        excess.removeAll(needed);
        excess.forEach(flow -> difference.add("allowed, not needed: " + flow));
        Set<Flow> missing = new TreeSet<>(needed);
        missing.removeAll(allowed);
        missing.forEach(flow -> difference.add("needed, not allowed: " + flow));
        return difference;
    }

    /** A rendering of its own, to break without touching the shared one. */
    private static Rendered freshKind() {
        return Rendered.parse("kind (broken copy)", Rendering.overlay("kind").yaml());
    }

    /** The app names a policy's (first) rule lets in. */
    private static List<String> valuesOf(Rendered rendered, String policy) {
        LabelSelectorRequirement requirement = rendered.named(NetworkPolicy.class, policy).getSpec().getIngress().get(0)
                .getFrom().stream()
                .filter(peer -> peer.getNamespaceSelector() == null)
                .findFirst().orElseThrow()
                .getPodSelector().getMatchExpressions().get(0);
        return requirement.getValues();
    }
}
