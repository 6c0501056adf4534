package io.bookstore.loadgen;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PrometheusTextTest {

    /** The shape Micrometer's Prometheus registry writes for a timer with a percentile histogram. */
    private static final String SCRAPE = """
            # HELP bookstore_outbox_publish_lag_seconds Time from an outbox row's insert to Kafka's acknowledgement
            # TYPE bookstore_outbox_publish_lag_seconds histogram
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-1",le="0.001"} 0
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-1",le="0.01"} 40
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-1",le="0.1"} 90
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-1",le="+Inf"} 100
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-2",le="0.001"} 0
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-2",le="0.01"} 60
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-2",le="0.1"} 100
            bookstore_outbox_publish_lag_seconds_bucket{event_type="order.created",tenant="load-2",le="+Inf"} 100
            bookstore_outbox_publish_lag_seconds_count{event_type="order.created",tenant="load-1"} 100
            bookstore_outbox_publish_lag_seconds_sum{event_type="order.created",tenant="load-1"} 3.5 1712345678000
            bookstore_outbox_pending NaN
            http_server_requests_seconds_count{method="GET",uri="/q/metrics",note="a \\"quoted\\", a \\\\ and a\\nline"} 3.0 # {trace_id="abc"} 1.0
            """;

    @Test
    void samplesKeepTheirNameLabelsAndValue() {
        List<PrometheusText.Sample> samples = PrometheusText.parse(SCRAPE);

        assertThat(samples).hasSize(12);
        assertThat(samples.get(3)).isEqualTo(new PrometheusText.Sample("bookstore_outbox_publish_lag_seconds_bucket",
                Map.of("event_type", "order.created", "tenant", "load-1", "le", "+Inf"), 100));
        assertThat(samples.get(9).value()).isEqualTo(3.5);
        assertThat(samples.get(10).labels()).isEmpty();
        assertThat(samples.get(10).value()).isNaN();
        assertThat(samples.get(11).labels()).containsEntry("note", "a \"quoted\", a \\ and a\nline").containsEntry("uri", "/q/metrics");
        assertThat(samples.get(11).value()).isEqualTo(3.0);
    }

    @Test
    void aLineThatIsNotASampleIsReportedWithItsNumber() {
        assertThatThrownBy(() -> PrometheusText.parse("# ok\nmetric{le=\"1\" 3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("metric{le=\"1\"}\n"))
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> PrometheusText.parse("metric twelve\n"))
                .hasMessageContaining("not a number");
    }

    @Test
    void bucketsAreSummedOverEveryOtherLabelSet() {
        NavigableMap<Double, Double> buckets = BucketQuantiles.cumulative(PrometheusText.parse(SCRAPE),
                MetricsScraper.PUBLISH_LAG);

        assertThat(buckets).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                0.001, 0.0, 0.01, 100.0, 0.1, 190.0, Double.POSITIVE_INFINITY, 200.0)));
    }

    @Test
    void quantilesInterpolateLinearlyInsideTheBucketThatHoldsTheRank() {
        NavigableMap<Double, Double> buckets = new TreeMap<>(Map.of(
                0.001, 0.0, 0.01, 100.0, 0.1, 190.0, Double.POSITIVE_INFINITY, 200.0));

        // Rank 100 of 200 is the last of the (0.001, 0.01] bucket.
        assertThat(BucketQuantiles.quantile(buckets, 0.5).getAsDouble()).isCloseTo(0.01, within(1e-9));
        // Rank 50: halfway through that bucket.
        assertThat(BucketQuantiles.quantile(buckets, 0.25).getAsDouble()).isCloseTo(0.0055, within(1e-9));
        // Rank 180: 80 of the 90 in (0.01, 0.1].
        assertThat(BucketQuantiles.quantile(buckets, 0.9).getAsDouble()).isCloseTo(0.01 + 0.09 * 80 / 90, within(1e-9));
        // Rank 198 lies above the highest finite bound: that bound is all that is known.
        assertThat(BucketQuantiles.quantile(buckets, 0.99)).hasValue(0.1);
        assertThat(BucketQuantiles.quantile(new TreeMap<>(Map.of(0.1, 0.0, Double.POSITIVE_INFINITY, 0.0)), 0.5)).isEmpty();
        assertThat(BucketQuantiles.quantile(new TreeMap<>(Map.of(0.1, 3.0)), 0.5)).isEmpty();
    }

    @Test
    void theEstimateCoversOnlyWhatHappenedBetweenTheScrapes() {
        String before = """
                lag_seconds_bucket{le="0.01"} 1000
                lag_seconds_bucket{le="0.1"} 1000
                lag_seconds_bucket{le="1.0"} 1000
                lag_seconds_bucket{le="+Inf"} 1000
                """;
        String after = """
                lag_seconds_bucket{le="0.01"} 1000
                lag_seconds_bucket{le="0.1"} 1050
                lag_seconds_bucket{le="1.0"} 1100
                lag_seconds_bucket{le="+Inf"} 1100
                """;

        BucketQuantiles.Estimate estimate = BucketQuantiles.between(PrometheusText.parse(before), PrometheusText.parse(after),
                "lag_seconds").orElseThrow();

        assertThat(estimate.count()).isEqualTo(100);
        assertThat(estimate.p50Seconds()).isCloseTo(0.1, within(1e-9));
        assertThat(estimate.p99Seconds()).isCloseTo(0.1 + 0.9 * 49 / 50, within(1e-9));
        assertThat(estimate.counterReset()).isFalse();
    }

    @Test
    void aRestartedPublisherCountsFromZeroAndNothingNewMeansNoEstimate() {
        String before = "lag_seconds_bucket{le=\"0.1\"} 500\nlag_seconds_bucket{le=\"+Inf\"} 500\n";
        String restarted = "lag_seconds_bucket{le=\"0.1\"} 10\nlag_seconds_bucket{le=\"+Inf\"} 10\n";

        BucketQuantiles.Estimate estimate = BucketQuantiles.between(PrometheusText.parse(before), PrometheusText.parse(restarted),
                "lag_seconds").orElseThrow();
        assertThat(estimate.count()).isEqualTo(10);
        assertThat(estimate.counterReset()).isTrue();
        assertThat(BucketQuantiles.between(PrometheusText.parse(before), PrometheusText.parse(before), "lag_seconds")).isEmpty();
    }
}
