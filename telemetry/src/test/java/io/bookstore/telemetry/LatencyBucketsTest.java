package io.bookstore.telemetry;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBucketsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    LatencyBucketsTest() {
        registry.config().meterFilter(new LatencyBuckets());
    }

    @Test
    void httpServerRequestsCountWithinTheSloBound() {
        Timer timer = registry.timer(LatencyBuckets.HTTP_SERVER_REQUESTS, "uri", "/api/v2/checkout");
        timer.record(Duration.ofMillis(299));
        timer.record(Duration.ofMillis(301));

        CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
        assertThat(Arrays.stream(buckets).map(b -> b.bucket(TimeUnit.SECONDS)))
                .containsExactly(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0);
        assertThat(countAt(buckets, 0.3)).isEqualTo(1);
        assertThat(countAt(buckets, 0.5)).isEqualTo(2);
    }

    @Test
    void otherTimersKeepTheirOwnConfiguration() {
        Timer timer = registry.timer("bookstore.psp.latency");
        timer.record(Duration.ofMillis(10));

        assertThat(timer.takeSnapshot().histogramCounts()).isEmpty();
    }

    private static double countAt(CountAtBucket[] buckets, double seconds) {
        return Arrays.stream(buckets)
                .filter(b -> b.bucket(TimeUnit.SECONDS) == seconds)
                .findFirst().orElseThrow()
                .count();
    }
}
