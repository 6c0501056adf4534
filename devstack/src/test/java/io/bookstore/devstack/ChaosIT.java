package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.devstack.BookstoreScript.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos run of issue 13 as a user runs it: {@code ./bookstore chaos --duration 3m}, every
 * fault kind once, then the invariant check. It fails while any invariant is violated, which on
 * today's services it is (docs/chaos.md lists what a run found), so it runs only when asked:
 * {@code ./mvnw -B verify -pl devstack -Dit.test=ChaosIT -Dchaos=true}. Uses the devstack's fixed
 * ports (no other stack may run) and about ten minutes on a two-core machine.
 */
@EnabledIfSystemProperty(named = "chaos", matches = "true")
class ChaosIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RUN = Path.of("target", "chaos-it").toAbsolutePath();

    @AfterAll
    static void leaveNothingRunning() throws Exception {
        BookstoreScript.run(Map.of(), "down", "--dir", RUN.resolve("stack").toString());
    }

    @Test
    void everyFaultKindRunsAndEveryInvariantHolds() throws Exception {
        Run chaos = BookstoreScript.run(Duration.ofMinutes(20), Map.of(), "chaos", "--duration", "3m", "--rate", "5",
                "--seed", "13", "--out", RUN.toString());

        assertThat(RUN.resolve("result.json")).as(chaos.output()).exists();
        JsonNode result = JSON.readTree(RUN.resolve("result.json").toFile());
        List<String> kinds = result.path("fault_schedule").findValuesAsText("kind");
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(Arrays.stream(FaultInjector.Kind.values()).map(FaultInjector.Kind::key).toList());
        assertThat(result.path("invariants").findValuesAsText("number")).containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(result.path("load").path("sent").asLong()).isPositive();
        assertThat(Files.readString(RUN.resolve("timeline.svg"))).startsWith("<?xml").contains("kill orders");
        assertThat(chaos.output()).contains("restarted outbox-publisher (exit 137)").contains("invariant");
        assertThat(chaos.exitCode()).as(chaos.output()).isEqualTo(result.path("violations").isEmpty() ? 0 : 1);
        assertThat(result.path("violations")).as(chaos.output()).isEmpty();
    }
}
