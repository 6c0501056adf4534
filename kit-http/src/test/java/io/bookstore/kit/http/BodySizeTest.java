package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bookstore.http.max-body-size} (64K by default): a larger body is a 413 problem, with or without a length. */
@QuarkusTest
class BodySizeTest {

    private static final int LIMIT = 64 * 1024;

    @TestHTTPResource("/kit/baskets")
    URI baskets;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBodyAtTheLimitIsRead() throws Exception {
        assertThat(send(HttpRequest.BodyPublishers.ofString(paddedBasket(LIMIT))).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitWithAContentLengthIsAPayloadTooLargeProblem() throws Exception {
        assertPayloadTooLarge(send(HttpRequest.BodyPublishers.ofString(paddedBasket(LIMIT + 1))));
    }

    @Test
    void aChunkedBodyOverTheLimitIsAPayloadTooLargeProblem() throws Exception {
        byte[] body = paddedBasket(LIMIT + 1024).getBytes(StandardCharsets.UTF_8);
        // An InputStream publisher has no length: the client sends Transfer-Encoding: chunked.
        assertPayloadTooLarge(send(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(baskets)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + KitRequests.ACME)
                .POST(body)
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(HttpHeaders.PROBLEM_JSON));
        assertThat(response.body())
                .contains("\"type\":\"urn:bookstore:problem:payload-too-large\"")
                .contains("\"detail\":\"the request body must not exceed " + LIMIT + " bytes\"");
    }

    /** A valid basket padded with whitespace to exactly {@code size} bytes. */
    private static String paddedBasket(int size) {
        String json = "{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":1}],\"payment_method\":\"pm_card_visa\"";
        return json + " ".repeat(size - json.length() - 1) + "}";
    }
}
