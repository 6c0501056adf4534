package io.bookstore.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives the HTTP server timer fixed histogram buckets whose bounds are the SLO thresholds
 * (the checkout latency SLO counts requests within 300 ms: {@code le="0.3"}). Fixed bounds
 * rather than Micrometer's percentile histogram: its generated bounds contain no 0.3, and
 * its 70-odd buckets per series multiply by every uri, status and tenant.
 */
@Singleton
public class LatencyBuckets implements MeterFilter {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** 300 ms is the checkout SLO; the rest place p50 to p99 on the dashboards. */
    static final List<Duration> HTTP_SERVER_BOUNDS = Stream.of(5, 10, 25, 50, 100, 200, 300, 500, 1000, 2500, 5000, 10000)
            .map(Duration::ofMillis)
            .toList();

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentilesHistogram(false)
                // Timer histograms are configured in nanoseconds.
                .serviceLevelObjectives(HTTP_SERVER_BOUNDS.stream().mapToDouble(Duration::toNanos).toArray())
                .build()
                .merge(config);
    }
}
