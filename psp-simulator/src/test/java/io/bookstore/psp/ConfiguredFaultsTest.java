package io.bookstore.psp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.createWithKey;
import static io.bookstore.psp.PspApi.retrieve;
import static io.bookstore.psp.PspApi.storedIntents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Fault defaults and memory bounds from configuration, and metadata overriding the defaults. */
@QuarkusTest
@TestProfile(ConfiguredFaultsTest.Defaults.class)
class ConfiguredFaultsTest {

    /** Every request waits 1.5 s and every event goes out twice unless its metadata says otherwise; tiny stores. */
    public static class Defaults implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "bookstore.psp.faults.latency", "1500ms",
                    "bookstore.psp.faults.webhook-duplicates", "1",
                    "bookstore.psp.store.max-intents", "3",
                    "bookstore.psp.store.max-idempotency-keys", "2");
        }
    }

    private static final String NO_LATENCY = "metadata[psp_latency_ms]";

    @Test
    void theConfiguredLatencyAppliesUnlessTheMetadataLiftsIt() {
        long start = System.nanoTime();
        retrieve("pi_unknown").statusCode(404);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));

        start = System.nanoTime();
        create(charge("pm_card_visa", NO_LATENCY, "0")).statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void theConfiguredDuplicatesApplyUnlessTheMetadataSaysNone() {
        String doubled = create(charge("pm_card_visa", NO_LATENCY, "0")).statusCode(200).extract().path("id");
        String single = create(charge("pm_card_visa", NO_LATENCY, "0", "metadata[psp_webhook_duplicates]", "0"))
                .statusCode(200).extract().path("id");

        Receiver.await(doubled, 2);
        Receiver.await(single, 1);
        Receiver.settle();
        List<Delivery> copies = Receiver.forIntent(doubled);
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).eventId()).isEqualTo(copies.get(0).eventId());
        assertThat(Receiver.forIntent(single)).hasSize(1);
    }

    @Test
    void theOldestIntentsAreForgottenBeyondTheBound() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(create("amount", "100", "currency", "usd", NO_LATENCY, "0").statusCode(200).extract().path("id"));
        }
        assertThat(storedIntents()).isEqualTo(3);
        retrieve(ids.get(0)).statusCode(404).body("error.code", equalTo("resource_missing"));
        for (String id : ids.subList(1, 4)) {
            retrieve(id).statusCode(200).body("id", equalTo(id));
        }
    }

    @Test
    void theOldestIdempotencyKeysAreForgottenBeyondTheBound() {
        String[] params = {"amount", "100", "currency", "usd", NO_LATENCY, "0"};
        String first = UUID.randomUUID().toString();
        String firstId = createWithKey(first, params).statusCode(200).extract().path("id");
        createWithKey(UUID.randomUUID().toString(), params).statusCode(200);
        String last = UUID.randomUUID().toString();
        String lastId = createWithKey(last, params).statusCode(200).extract().path("id");

        createWithKey(last, params).statusCode(200).body("id", equalTo(lastId));
        String again = createWithKey(first, params).statusCode(200).extract().path("id");
        assertThat(again).isNotEqualTo(firstId);
    }
}
