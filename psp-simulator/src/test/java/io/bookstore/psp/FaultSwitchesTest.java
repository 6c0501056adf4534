package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.bookstore.psp.PspApi.api;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.list;
import static io.bookstore.psp.PspApi.retrieve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The simulator's admin API switches the fault defaults of every following request at run
 * time, as a chaos run does, and puts the configured ones back.
 */
@QuarkusTest
@TestProfile(FaultSwitchesTest.ConfiguredDuplicates.class)
class FaultSwitchesTest {

    /** A configured default that is not zero, so that going back to the configuration shows. */
    public static class ConfiguredDuplicates implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bookstore.psp.faults.webhook-duplicates", "1");
        }
    }

    private static final String JSON = "application/json";

    @AfterEach
    void resetTheFaults() {
        api().delete("/sim/faults").then().statusCode(200);
    }

    @Test
    void theDefaultsStartAsConfigured() {
        api().get("/sim/faults").then().statusCode(200)
                .body("latency_ms", equalTo(0))
                .body("error_rate", equalTo(0.0f))
                .body("webhook_delay_ms", equalTo(0))
                .body("webhook_duplicates", equalTo(1))
                .body("webhook_out_of_order_rate", equalTo(0.0f))
                .body("webhook_drop_rate", equalTo(0.0f));
    }

    @Test
    void anErrorRateSwitchedOnFailsEveryApiRequestUntilReset() {
        put("{\"error_rate\":1}").statusCode(200).body("error_rate", equalTo(1.0f));
        long stored = PspApi.storedIntents();

        create(charge("pm_card_visa")).statusCode(500)
                .header("Stripe-Should-Retry", equalTo("true"))
                .body("error.type", equalTo("api_error"));
        retrieve("pi_anything").statusCode(500);
        list().statusCode(500).body("error.type", equalTo("api_error"));
        assertThat(PspApi.storedIntents()).isEqualTo(stored);

        api().delete("/sim/faults").then().statusCode(200).body("error_rate", equalTo(0.0f));
        create(charge("pm_card_visa")).statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void latencySwitchedOnDelaysTheAnswersAndAnIntentsMetadataStillOverridesIt() {
        put("{\"latency_ms\":800}").statusCode(200).body("latency_ms", equalTo(800));

        long start = System.nanoTime();
        create(charge("pm_card_visa")).statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));

        start = System.nanoTime();
        create(charge("pm_card_visa", "metadata[psp_latency_ms]", "0")).statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void droppedWebhooksSwitchedOnNeverArriveAndSwitchedOffArriveAgain() {
        put("{\"webhook_drop_rate\":1}").statusCode(200);
        String dropped = create(charge("pm_card_visa")).statusCode(200).extract().path("id");
        api().delete("/sim/faults").then().statusCode(200);
        String delivered = create(charge("pm_card_visa")).statusCode(200).extract().path("id");

        Receiver.await(delivered, 2);
        Receiver.settle();
        assertThat(Receiver.forIntent(dropped)).isEmpty();
        retrieve(dropped).statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void duplicatedAndOutOfOrderWebhooksSwitchedOn() {
        put("{\"webhook_duplicates\":2,\"webhook_out_of_order_rate\":1}").statusCode(200);
        String id = create(charge("pm_card_visa")).statusCode(200).extract().path("id");

        List<Delivery> deliveries = Receiver.await(id, 6);
        Receiver.settle();
        assertThat(Receiver.forIntent(id)).extracting(Delivery::type).containsExactly(
                "payment_intent.succeeded", "payment_intent.succeeded", "payment_intent.succeeded",
                "payment_intent.created", "payment_intent.created", "payment_intent.created");
        assertThat(deliveries.subList(0, 3)).extracting(Delivery::eventId).containsOnly(deliveries.get(0).eventId());
    }

    @Test
    void putReplacesEveryKnobAndPatchOnlyTheOnesGiven() {
        put("{\"latency_ms\":100,\"webhook_duplicates\":3}").statusCode(200);
        api().contentType(JSON).body("{\"webhook_drop_rate\":0.25}").patch("/sim/faults").then().statusCode(200)
                .body("latency_ms", equalTo(100))
                .body("webhook_duplicates", equalTo(3))
                .body("webhook_drop_rate", equalTo(0.25f));

        put("{\"error_rate\":0.5}").statusCode(200)
                .body("error_rate", equalTo(0.5f))
                .body("latency_ms", equalTo(0))
                .body("webhook_duplicates", equalTo(1))
                .body("webhook_drop_rate", equalTo(0.0f));
        api().get("/sim/faults").then().body("error_rate", equalTo(0.5f)).body("webhook_duplicates", equalTo(1));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                arguments("latency_ms", "{\"latency_ms\":30001}"),
                arguments("latency_ms", "{\"latency_ms\":-1}"),
                arguments("latency_ms", "{\"latency_ms\":1.5}"),
                arguments("webhook_delay_ms", "{\"webhook_delay_ms\":300001}"),
                arguments("webhook_duplicates", "{\"webhook_duplicates\":11}"),
                arguments("error_rate", "{\"error_rate\":1.5}"),
                arguments("error_rate", "{\"error_rate\":\"high\"}"),
                arguments("webhook_drop_rate", "{\"webhook_drop_rate\":-0.1}"),
                arguments("fail_attempts", "{\"fail_attempts\":1}"),
                arguments("latency", "{\"latency\":100}"),
                arguments(null, "{\"latency_ms\":100,\"latency_ms\":200}"),
                arguments(null, "[]"),
                arguments(null, "latency_ms=100"),
                arguments(null, ""));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIsA400NamingTheKnobAndChangesNothing(String param, String body) {
        put("{\"latency_ms\":100}").statusCode(200);

        for (ValidatableResponse answer : List.of(put(body), api().contentType(JSON).body(body).patch("/sim/faults").then())) {
            answer.statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.param", equalTo(param));
        }
        api().get("/sim/faults").then().body("latency_ms", equalTo(100)).body("webhook_duplicates", equalTo(1));
    }

    @Test
    void aFormBodyIsA400AskingForJson() {
        api().contentType(PspApi.FORM).body("latency_ms=100").put("/sim/faults").then().statusCode(400)
                .body("error.message", containsString("application/json"));
    }

    @Test
    void theAdminApiNeedsTheSecretKey() {
        given().when().get("/sim/faults").then().statusCode(401).body("error.type", equalTo("invalid_request_error"));
        given().contentType(JSON).body("{\"error_rate\":1}").when().put("/sim/faults").then().statusCode(401);
        given().when().delete("/sim/faults").then().statusCode(401);
        api().get("/sim/faults").then().body("error_rate", equalTo(0.0f));
    }

    private static ValidatableResponse put(String body) {
        return api().contentType(JSON).body(body).when().put("/sim/faults").then();
    }
}
