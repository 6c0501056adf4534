package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.testkit.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopTest {

    @TempDir
    Path out;

    @Test
    void aStalledTargetShowsItsQueueingBecauseLatencyRunsFromTheScheduledTime() throws Exception {
        // One worker answering in 200 ms serves 5 checkouts a second; 20 a second arrive for one second.
        try (LocalStorefront storefront = new LocalStorefront(1, n -> LocalStorefront.Answer.accepted(200))) {
            JsonNode checkout = runCheckout(storefront, "--rate", "20", "--warmup", "0s", "--duration", "1s")
                    .path("steps").get(0).path("measures").get(0);

            assertThat(checkout.path("name").asText()).isEqualTo("checkout");
            assertThat(checkout.path("count").asLong()).isEqualTo(20);
            // Request k waits for the k before it: 200 + 150·k ms. A closed loop would report 200 ms throughout.
            assertThat(checkout.path("p50_ms").asDouble()).isBetween(1_200.0, 2_200.0);
            assertThat(checkout.path("max_ms").asDouble()).isBetween(2_700.0, 3_800.0);
            // Only the answers inside the one-second window count towards the achieved rate.
            assertThat(checkout.path("achieved_per_s").asDouble()).isBetween(3.0, 6.0);
            assertThat(storefront.received()).hasSize(20);
        }
    }

    @Test
    void theScheduleKeepsItsRateAndDoesNotWaitForAnswers() {
        StepWindow window = StepWindow.startingAt(System.nanoTime() + 10_000_000L, 200, Duration.ofMillis(250), Duration.ofMillis(500));
        List<long[]> fired = new CopyOnWriteArrayList<>();

        OpenLoop.ScheduleStats stats = OpenLoop.run(window, send -> fired.add(new long[] {send.scheduledTime(), System.nanoTime(),
                send.measured() ? 1 : 0}));

        assertThat(stats.sent()).isEqualTo(150);
        assertThat(stats.measuredSent()).isEqualTo(100);
        assertThat(fired).allSatisfy(f -> assertThat(f[1]).isGreaterThanOrEqualTo(f[0]));
        assertThat(fired.stream().filter(f -> f[2] == 1).mapToLong(f -> f[0]).min().getAsLong()).isEqualTo(window.measureStart());
        assertThat(fired.get(149)[0] - fired.get(0)[0]).isEqualTo(Math.round(149 * 1e9 / 200));
    }

    @Test
    void aGeneratorThatFallsBehindCatchesUpAndSaysHowLateItWas() {
        StepWindow window = StepWindow.startingAt(System.nanoTime() + 10_000_000L, 100, Duration.ZERO, Duration.ofMillis(600));
        List<Long> lateness = new CopyOnWriteArrayList<>();

        OpenLoop.ScheduleStats stats = OpenLoop.run(window, send -> {
            lateness.add(System.nanoTime() - send.scheduledTime());
            if (send.index() == 10) {
                // A pause of the generator itself (say a GC): the sends due meanwhile still go out.
                sleep(300);
            }
        });

        assertThat(stats.sent()).isEqualTo(60);
        assertThat(stats.maxLagMillis()).isGreaterThanOrEqualTo(250);
        assertThat(lateness.get(11)).isGreaterThan(Duration.ofMillis(250).toNanos());
        assertThat(lateness.get(59)).isLessThan(Duration.ofMillis(50).toNanos());
    }

    private JsonNode runCheckout(LocalStorefront storefront, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("checkout", "--url", storefront.url(), "--keycloak-url", KeycloakServer.shared().issuer(), "--kafka", "none",
                "--catalog-jdbc-url", "none", "--metrics-url", "none", "--timeout", "10s", "--out", out.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return ResultJson.read(Files.readString(out.resolve("result.json")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
