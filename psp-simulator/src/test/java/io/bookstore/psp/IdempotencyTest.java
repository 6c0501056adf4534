package io.bookstore.psp;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static io.bookstore.psp.PspApi.SECRET_KEY;
import static io.bookstore.psp.PspApi.charge;
import static io.bookstore.psp.PspApi.create;
import static io.bookstore.psp.PspApi.createWithKey;
import static io.bookstore.psp.PspApi.form;
import static io.bookstore.psp.PspApi.storedIntents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Stripe's Idempotency-Key: one execution per key, replayed exactly; other parameters refused. */
@QuarkusTest
class IdempotencyTest {

    @TestHTTPResource("/v1/payment_intents")
    URI paymentIntents;

    @Test
    void theSameRequestUnderTheSameKeyReplaysTheAnswerWithoutASecondIntentOrWebhook() {
        String key = UUID.randomUUID().toString();
        String[] params = charge("pm_card_visa");
        long stored = storedIntents();

        ExtractableResponse<Response> first = createWithKey(key, params).statusCode(200)
                .header("Idempotent-Replayed", nullValue())
                .extract();
        ExtractableResponse<Response> replay = createWithKey(key, params).statusCode(200)
                .header("Idempotent-Replayed", equalTo("true"))
                .extract();

        assertThat(replay.asString()).isEqualTo(first.asString());
        String id = first.path("id");
        assertThat(storedIntents()).isEqualTo(stored + 1);
        Receiver.awaitTheOnlyDelivery(id);
    }

    @Test
    void aDeclineIsReplayedAsTheSame402() {
        String key = UUID.randomUUID().toString();
        String[] params = charge("pm_card_chargeDeclined");
        String first = createWithKey(key, params).statusCode(402).extract().asString();
        String replay = createWithKey(key, params).statusCode(402).header("Idempotent-Replayed", equalTo("true")).extract().asString();
        assertThat(replay).isEqualTo(first);
    }

    @Test
    void otherParametersUnderAUsedKeyAreAnIdempotencyError() {
        String key = UUID.randomUUID().toString();
        String[] params = charge("pm_card_visa");
        String id = createWithKey(key, params).statusCode(200).extract().path("id");
        long stored = storedIntents();

        params[1] = "5000";
        createWithKey(key, params).statusCode(400)
                .body("error.type", equalTo("idempotency_error"))
                .body("error.message", containsString("same parameters"));
        PspApi.api().header("Idempotency-Key", key).contentType(PspApi.FORM)
                .when().post("/v1/payment_intents/{id}/confirm", id)
                .then().statusCode(400)
                .body("error.type", equalTo("idempotency_error"))
                .body("error.message", containsString("same endpoint"));

        assertThat(storedIntents()).isEqualTo(stored);
        PspApi.retrieve(id).statusCode(200).body("amount", equalTo(4999));
    }

    @Test
    void withoutAKeyTheSameRequestCreatesTwoIntents() {
        String[] params = charge("pm_card_visa");
        String first = create(params).statusCode(200).extract().path("id");
        String second = create(params).statusCode(200).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneIntent() throws Exception {
        int clients = 24;
        String key = UUID.randomUUID().toString();
        String body = form(charge("pm_card_visa"));
        long stored = storedIntents();

        List<HttpResponse<String>> responses = all(clients, key, body);

        Map<Integer, Long> statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
        assertThat(statuses).containsExactlyEntriesOf(Map.of(200, (long) clients));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(responses.stream().filter(response -> response.headers().firstValue("Idempotent-Replayed").isEmpty())).hasSize(1);
        assertThat(storedIntents()).isEqualTo(stored + 1);

        String id = JsonPath.from(responses.get(0).body()).getString("id");
        Receiver.awaitTheOnlyDelivery(id);
    }

    /** Sends the same request from many threads, released together so that they really overlap. */
    private List<HttpResponse<String>> all(int clients, String key, String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            HttpRequest request = HttpRequest.newBuilder(paymentIntents)
                    .header("Authorization", "Bearer " + SECRET_KEY)
                    .header("Idempotency-Key", key)
                    .header("Content-Type", PspApi.FORM)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
