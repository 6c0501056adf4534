package io.bookstore.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's shape: in the base three KRaft nodes with every partition on three brokers and two
 * in sync needed for an ack (an acked event survives a broker); the kind overlay one node, as
 * it says; in every rendering a quorum, replication and budget that fit the node count.
 */
class KafkaTest {

    private static final Map<String, String> PRODUCTION = Map.of(
            "KAFKA_DEFAULT_REPLICATION_FACTOR", "3",
            "KAFKA_MIN_INSYNC_REPLICAS", "2",
            "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3",
            "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3",
            "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3",
            "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2",
            "KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false");

    @Test
    void theBaseRunsThreeNodesThatKeepThreeCopiesAndAckOnTwo() {
        Rendered base = Rendering.base();
        StatefulSet kafka = base.named(StatefulSet.class, "kafka");

        assertThat(kafka.getSpec().getReplicas()).isEqualTo(3);
        assertThat(env(broker(kafka))).containsAllEntriesOf(PRODUCTION)
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "0@kafka-0.kafka:9093,1@kafka-1.kafka:9093,2@kafka-2.kafka:9093")
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(topicReplication(base)).isEqualTo(3);
    }

    @Test
    void theKindOverlayShrinksKafkaToOneNodeWithOneCopy() {
        for (String overlay : Rendering.OVERLAYS) {
            Rendered rendered = Rendering.overlay(overlay);
            StatefulSet kafka = rendered.named(StatefulSet.class, "kafka");

            assertThat(kafka.getSpec().getReplicas()).as(overlay).isEqualTo(1);
            assertThat(env(broker(kafka))).as(overlay)
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "0@kafka-0.kafka:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "1")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "1")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
            assertThat(topicReplication(rendered)).as(overlay).isEqualTo(1);
        }
        assertThat(DeployFiles.read(DeployFiles.deployDir().resolve("overlays/kind/kustomization.yaml")))
                .as("the overlay says why it shrinks Kafka and what that loses")
                .contains("for a laptop", "What it loses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "kind", "kind-native"})
    void theQuorumReplicationAndBudgetFitTheNodeCount(String rendering) {
        Rendered rendered = rendering.equals("base") ? Rendering.base() : Rendering.overlay(rendering);
        StatefulSet kafka = rendered.named(StatefulSet.class, "kafka");
        int nodes = kafka.getSpec().getReplicas();
        Map<String, String> env = env(broker(kafka));

        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).as("one voter per pod, its node id the pod's ordinal")
                .isEqualTo(IntStream.range(0, nodes).mapToObj(node -> node + "@kafka-" + node + ".kafka:9093").collect(Collectors.joining(",")));
        assertThat(String.join("\n", broker(kafka).getCommand())).as("the node id is the pod's ordinal")
                .contains("KAFKA_NODE_ID=\"${HOSTNAME##*-}\"");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).as("each node advertises its own pod").isEqualTo("PLAINTEXT://$(POD_NAME).kafka:9092");
        assertThat(kafka.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");

        int replication = Integer.parseInt(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR"));
        int minInSync = Integer.parseInt(env.get("KAFKA_MIN_INSYNC_REPLICAS"));
        assertThat(replication).as("replication factor").isEqualTo(nodes);
        assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo(Integer.toString(replication));
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo(Integer.toString(replication));
        assertThat(topicReplication(rendered)).isEqualTo(replication);
        // An ack means more than one copy wherever there is more than one, and one broker down still takes writes.
        assertThat(minInSync).as("min.insync.replicas").isEqualTo(replication == 1 ? 1 : replication - 1);
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")).isEqualTo(Integer.toString(minInSync));

        Service service = rendered.named(Service.class, kafka.getSpec().getServiceName());
        assertThat(service.getSpec().getClusterIP()).as("the StatefulSet's service is headless").isEqualTo("None");
        assertThat(service.getSpec().getPublishNotReadyAddresses()).as("nodes find each other before the quorum is up").isTrue();
        assertThat(service.getSpec().getPorts()).extracting(port -> port.getPort()).containsExactlyInAnyOrder(9092, 9093);
        assertThat(rendered.all(PodDisruptionBudget.class)).filteredOn(budget -> budget.getMetadata().getName().equals("kafka"))
                .singleElement().satisfies(budget -> {
                    assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
                    assertThat(Flows.matches(budget.getSpec().getSelector(), kafka.getSpec().getTemplate().getMetadata().getLabels())).isTrue();
                });
    }

    private static Container broker(StatefulSet kafka) {
        return kafka.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** The replication factor the topic Job creates the topics with. */
    private static int topicReplication(Rendered rendered) {
        Container job = rendered.named(Job.class, "kafka-topics").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(String.join("\n", job.getCommand())).contains("--replication-factor \"$REPLICATION_FACTOR\"");
        return Integer.parseInt(env(job).get("REPLICATION_FACTOR"));
    }
}
