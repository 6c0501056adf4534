package io.bookstore.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads a service's Prometheus endpoint; a failed scrape only costs the figure it was for. */
final class MetricsScraper {

    static final String PUBLISH_LAG = "bookstore_outbox_publish_lag_seconds";

    private final HttpClient client;
    private final String url;

    MetricsScraper(HttpClient client, String url) {
        this.client = client;
        this.url = url;
    }

    CompletableFuture<Optional<List<PrometheusText.Sample>>> scrapeAsync() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain; version=0.0.4")
                .GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200
                        ? Optional.of(PrometheusText.parse(response.body()))
                        : Optional.<List<PrometheusText.Sample>>empty())
                .exceptionally(failure -> Optional.empty());
    }

    Optional<List<PrometheusText.Sample>> scrape() {
        return scrapeAsync().join();
    }
}
