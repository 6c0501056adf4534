package io.bookstore.loadgen;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * outbox-publisher's own lag histogram over one step: scraped when the measured window
 * opens (from a timer, so the scheduler thread never waits on it) and again once the
 * step's events are in; the bucket deltas give the estimate.
 */
final class PublishLagProbe implements AutoCloseable {

    private final Optional<MetricsScraper> scraper;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "loadgen-metrics-timer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile CompletableFuture<Optional<List<PrometheusText.Sample>>> atMeasureStart =
            CompletableFuture.completedFuture(Optional.empty());

    PublishLagProbe(Optional<MetricsScraper> scraper) {
        this.scraper = scraper;
    }

    /** Whether the endpoint answers at all (checked once before the run). */
    boolean reachable() {
        return scraper.map(s -> s.scrape().isPresent()).orElse(false);
    }

    void scrapeAtMeasureStart(StepWindow window) {
        if (scraper.isEmpty()) {
            return;
        }
        CompletableFuture<Optional<List<PrometheusText.Sample>>> result = new CompletableFuture<>();
        atMeasureStart = result;
        long delay = Math.max(0, window.measureStart() - System.nanoTime());
        timer.schedule(() -> scraper.get().scrapeAsync().whenComplete((samples, failure) ->
                result.complete(failure == null ? samples : Optional.empty())), delay, TimeUnit.NANOSECONDS);
    }

    /** The estimate from the measured window's start to now; empty without metrics or without events. */
    Optional<BucketQuantiles.Estimate> finish() {
        if (scraper.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<PrometheusText.Sample>> before = atMeasureStart.join();
        Optional<List<PrometheusText.Sample>> after = scraper.get().scrape();
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        return BucketQuantiles.between(before.get(), after.get(), MetricsScraper.PUBLISH_LAG);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
