package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.devstack.BookstoreScript.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short chaos run of issue 13 as a user runs it: {@code ./bookstore chaos --duration 3m}, every
 * fault kind once, then the invariant check, which must hold. Part of every {@code ./mvnw verify}
 * (CI runs it); {@code -Dchaos=false} leaves it out. Uses the devstack's fixed ports (no other
 * stack may run) and about eight minutes on a two-core machine. The services get short windows
 * (a reservation never ordered is released after 30 s, a payment ends after 150 s), so that
 * everything the faults left open ends within the drain. With the CPU tiers ({@code CpuTier}):
 * on 2026-12-04 two runs in a row on the flat stack broke invariant 7 (18 and 52 checkouts whose
 * retries for 60 s were refused while catalog and orders took 33-40 s to be ready again), where
 * a run with the tiers had them back in 11-20 s.
 */
@DisabledIfSystemProperty(named = "chaos", matches = "false")
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
                "--seed", "13", "--drain-timeout", "150s", "--out", RUN.toString(), "--cpu-tiers", "on",
                "--env", "BOOKSTORE_RESERVATIONS_WINDOW=20s", "--env", "BOOKSTORE_RESERVATIONS_EXPIRY_GRACE=10s",
                "--env", "BOOKSTORE_PAYMENTS_WINDOW=150s");

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
        BookstoreScript.assertAnyTrainingAcceptedCheckouts(chaos);
    }
}
