package io.bookstore.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpenMetricsScrapeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            // Prometheus 2.42's scrape request
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1",
            "text/plain;q=0.5, application/openmetrics-text",
            "application/openmetrics-text"})
    void aScraperThatRanksOpenMetricsFirstGetsIt(String accept) {
        assertThat(OpenMetricsScrape.prefersOpenMetrics(accept)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*/*", "text/plain", "text/plain, application/openmetrics-text",
            "application/openmetrics-text;q=0.2, text/plain;q=0.9", "text/html,application/xhtml+xml;q=0.9"})
    void anyoneElseIsLeftToQuarkus(String accept) {
        assertThat(OpenMetricsScrape.prefersOpenMetrics(accept)).isFalse();
    }

    @Test
    void exemplarsStayOnBucketsAndCountersOnly() {
        String exemplar = " # {span_id=\"1111111111111111\",trace_id=\"22222222222222222222222222222222\"} 0.042 1795259400.000";
        String exposition = String.join("\n",
                "# TYPE http_server_requests_seconds histogram",
                "http_server_requests_seconds_bucket{uri=\"/orders\",le=\"0.05\"} 1.0" + exemplar,
                "http_server_requests_seconds_count{uri=\"/orders\"} 1.0" + exemplar,
                "http_server_requests_seconds_sum{uri=\"/orders\"} 0.042",
                "bookstore_orders_total{status=\"paid\",tenant=\"acme\"} 3.0" + exemplar,
                "postgresql_processing_seconds_count{tenant=\"a # {b\"} 7.0" + exemplar,
                "http_server_bytes_written_count 11.0" + exemplar,
                "# EOF");

        assertThat(OpenMetricsScrape.withExemplarsWhereAllowed(exposition)).isEqualTo(String.join("\n",
                "# TYPE http_server_requests_seconds histogram",
                "http_server_requests_seconds_bucket{uri=\"/orders\",le=\"0.05\"} 1.0" + exemplar,
                "http_server_requests_seconds_count{uri=\"/orders\"} 1.0",
                "http_server_requests_seconds_sum{uri=\"/orders\"} 0.042",
                "bookstore_orders_total{status=\"paid\",tenant=\"acme\"} 3.0" + exemplar,
                "postgresql_processing_seconds_count{tenant=\"a # {b\"} 7.0",
                "http_server_bytes_written_count 11.0",
                "# EOF") + "\n");
    }
}
