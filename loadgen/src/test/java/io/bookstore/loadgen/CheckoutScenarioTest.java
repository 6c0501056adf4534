package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testkit.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CheckoutScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void failuresAreCountedByStatusProblemTypeAndTimeout() throws Exception {
        try (LocalStorefront storefront = new LocalStorefront(16, n -> switch (n % 4) {
            case 1 -> LocalStorefront.Answer.problem(409, "urn:bookstore:problem:insufficient-stock");
            case 2 -> new LocalStorefront.Answer(0, 503, "text/plain", "down");
            case 3 -> LocalStorefront.Answer.accepted(1_500);
            default -> LocalStorefront.Answer.accepted(0);
        })) {
            Result result = run("checkout", "--url", storefront.url(), "--keycloak-url", KeycloakServer.shared().issuer(), "--kafka", "none", "--catalog-jdbc-url", "none",
                    "--metrics-url", "none", "--rate", "20", "--warmup", "0s", "--duration", "1s", "--timeout", "1s",
                    "--out", out.toString());

            assertThat(result.code()).as(result.stderr()).isZero();
            JsonNode checkout = result.json().path("steps").get(0).path("measures").get(0);
            assertThat(checkout.path("count").asLong()).isEqualTo(5);
            assertThat(JSON.convertValue(checkout.path("errors"), Map.class)).isEqualTo(Map.of(
                    "HTTP 409 urn:bookstore:problem:insufficient-stock", 5,
                    "HTTP 503", 5,
                    "timeout", 5));
            assertThat(result.stdout()).contains("errors of checkout: ").contains("timeout ×5");
        }
    }

    @Test
    void eachCheckoutCarriesATenantsKeycloakTokenAFreshIdempotencyKeyAndOneToThreeBooksOfOneCurrency() throws Exception {
        try (LocalStorefront storefront = new LocalStorefront(4, n -> LocalStorefront.Answer.accepted(0))) {
            Result result = run("checkout", "--url", storefront.url(), "--keycloak-url", KeycloakServer.shared().issuer(), "--kafka", "none", "--catalog-jdbc-url", "none",
                    "--metrics-url", "none", "--rate", "100", "--warmup", "0s", "--duration", "1s", "--tenants", "3",
                    "--decline-share", "0.5", "--seed", "7", "--out", out.toString());

            assertThat(result.code()).as(result.stderr()).isZero();
            List<LocalStorefront.Received> received = storefront.received();
            assertThat(received).hasSize(100);
            assertThat(received).extracting(LocalStorefront.Received::tenant).containsOnly("load-1", "load-2", "load-3");
            assertThat(received.stream().map(LocalStorefront.Received::idempotencyKey).distinct().count()).isEqualTo(100);
            Set<String> cards = new HashSet<>();
            for (LocalStorefront.Received checkout : received) {
                JsonNode body = JSON.readTree(checkout.body());
                cards.add(body.path("payment_method").asText());
                List<String> isbns = new ArrayList<>();
                body.path("items").forEach(item -> {
                    assertThat(item.path("qty").asInt()).isEqualTo(1);
                    isbns.add(item.path("isbn").asText());
                });
                assertThat(isbns).hasSizeBetween(1, 3).doesNotHaveDuplicates();
                assertThat(isbns.contains("978-3-16-148410-0")).as("the EUR book is never mixed with USD ones")
                        .isEqualTo(isbns.equals(List.of("978-3-16-148410-0")));
            }
            assertThat(cards).contains("pm_card_visa", "pm_card_mastercard").anyMatch(c -> c.startsWith("pm_card_chargeDeclined"));
        }
    }

    @Test
    void finalEventsAreMatchedToTheirCheckoutsAndMissingOnesCount() throws Exception {
        try (LocalStorefront storefront = new LocalStorefront(4, n -> LocalStorefront.Answer.accepted(0))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Book> books = BookCatalog.fetch(client, storefront.url(), Duration.ofSeconds(5));
            CheckoutPlanner planner = new CheckoutPlanner(books, 2, 0.5, new Random(3));
            StepWindow window = StepWindow.startingAt(System.nanoTime(), 50, Duration.ZERO, Duration.ofMillis(400));
            ShopperTokens tokens = new ShopperTokens(client, KeycloakServer.shared().issuer(), Duration.ofSeconds(5));
            tokens.prefetch(planner.tenants());
            CheckoutStep step = new CheckoutStep(window, client, storefront.url(), Duration.ofMillis(800), planner, tokens, true);

            OpenLoop.ScheduleStats schedule = OpenLoop.run(window, step::fire);
            while (storefront.received().size() < 20) {
                Thread.sleep(10);
            }
            Thread.sleep(200);
            List<LocalStorefront.Received> received = storefront.received();
            int declining = 0;
            for (int i = 0; i < received.size(); i++) {
                LocalStorefront.Received checkout = received.get(i);
                boolean declined = JSON.readTree(checkout.body()).path("payment_method").asText().startsWith("pm_card_chargeDeclined");
                declining += declined ? 1 : 0;
                if (i == 0) {
                    continue; // this order's event never comes
                }
                FinalStatusTracker.Outcome outcome = declined ? FinalStatusTracker.Outcome.PAYMENT_FAILED : FinalStatusTracker.Outcome.PAID;
                step.tracker().orElseThrow().onEvent(checkout.orderId(), outcome, System.nanoTime());
                // At least once: a repeated event changes nothing.
                step.tracker().orElseThrow().onEvent(checkout.orderId(), outcome, System.nanoTime());
            }
            step.awaitCompletion();
            StepResult result = step.result(1, Duration.ZERO, Duration.ofMillis(400), schedule, Optional.empty(),
                    Duration.ofMillis(800));

            boolean firstDeclined = JSON.readTree(received.get(0).body()).path("payment_method").asText().startsWith("pm_card_chargeDeclined");
            assertThat(result.details().get("paid")).isEqualTo((long) (20 - declining - (firstDeclined ? 0 : 1)));
            assertThat(result.details().get("payment_failed")).isEqualTo((long) (declining - (firstDeclined ? 1 : 0)));
            assertThat(result.details().get("accepted_with_declining_card")).isEqualTo((long) declining);
            assertThat(result.details().get("no_final_status")).isEqualTo(1L);
            assertThat(result.details().get("paid_with_declining_card")).isEqualTo(0L);
            MeasureResult paid = result.measures().get(1);
            assertThat(paid.name()).isEqualTo(CheckoutStep.PAID);
            assertThat(paid.maxMillis()).isGreaterThan(0);
            assertThat(result.measures()).extracting(MeasureResult::name)
                    .containsExactly(CheckoutStep.CHECKOUT, CheckoutStep.PAID, CheckoutStep.PAYMENT_FAILED);
            MeasureResult expectedToMiss = firstDeclined ? result.measures().get(2) : paid;
            assertThat(expectedToMiss.errors()).containsEntry("no final status within 800ms", 1L);
        }
    }

    @Test
    void aStorefrontThatIsNotThereEndsTheRunWithOneAndSaysHowToStartTheStack() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = run("checkout", "--url", "http://127.0.0.1:" + port, "--rate", "5", "--out", out.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.stderr()).contains("http://127.0.0.1:" + port).contains("connection refused").contains("./bookstore up");
        assertThat(out.resolve("result.json")).doesNotExist();
    }

    record Result(int code, String stdout, String stderr, Path out) {

        JsonNode json() throws Exception {
            return JSON.readTree(Files.readString(out.resolve("result.json")));
        }
    }

    private Result run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        return new Result(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8), out);
    }
}
