package io.bookstore.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Sends requests at the same time, each on its own HTTP/1.1 connection, and waits for every answer. */
final class Concurrently {

    private Concurrently() {
    }

    static List<HttpResponse<String>> send(int count, IntFunction<HttpRequest> request) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, count)
                .mapToObj(i -> client.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofString()))
                .toList();
        return responses.stream().map(CompletableFuture::join).toList();
    }

    /** A JSON request with this bearer token, ready for more headers. */
    static HttpRequest.Builder json(String method, URI uri, String token, Map<String, Object> body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(Assertions.json(body)));
    }
}
