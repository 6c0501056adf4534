package io.bookstore.orders;

import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ObservabilityTest {

    /** What Prometheus 2.42 sends when it scrapes. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @Test
    void readinessCoversTheDatabase() {
        ServiceProbes.assertReady("PostgreSQL");
        ServiceProbes.assertLive();
    }

    @Test
    void ordersEnteringEachStatusAreCountedPerTenant() {
        String tenant = Api.newTenant();
        UUID paid = Api.createdOrder(tenant);
        UUID failed = Api.createdOrder(tenant);
        Api.patch(paid, Api.outcome("paid", Api.newPaymentId())).statusCode(200);
        String paymentId = Api.newPaymentId();
        Api.patch(failed, Api.outcome("payment_failed", paymentId)).statusCode(200);
        Api.patch(failed, Api.outcome("payment_failed", paymentId)).statusCode(200);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("bookstore_orders_total{status=\"pending_payment\",tenant=\"" + tenant + "\"} 2.0")
                .contains("bookstore_orders_total{status=\"paid\",tenant=\"" + tenant + "\"} 1.0")
                .contains("bookstore_orders_total{status=\"payment_failed\",tenant=\"" + tenant + "\"} 1.0");
        // Checkout → final status: one each, the repeated change is not a second completion.
        assertThat(metrics)
                .contains("bookstore_order_completion_seconds_count{status=\"paid\",tenant=\"" + tenant + "\"} 1")
                .contains("bookstore_order_completion_seconds_count{status=\"payment_failed\",tenant=\"" + tenant + "\"} 1")
                .contains("bookstore_order_completion_seconds_bucket{status=\"paid\",tenant=\"" + tenant + "\",le=\"300.0\"} 1")
                .doesNotContain("bookstore_order_completion_seconds_count{status=\"pending_payment\"");
        // Revenue counts the paid order only: 2 × 4999 + 3550.
        assertThat(metrics)
                .contains("bookstore_revenue_cents_total{currency=\"USD\",tenant=\"" + tenant + "\"} 13548.0");
    }

    @Test
    void httpServerMetricsCarryTheTenant() {
        String tenant = Api.newTenant();
        Api.createdOrder(tenant);

        // Micrometer records a request once its response has ended, which may be after the client read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

            assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                    .filter(line -> line.contains("tenant=\"" + tenant + "\"")))
                    .anySatisfy(line -> assertThat(line).contains("method=\"POST\"").contains("status=\"201\""));
            // The checkout latency SLO counts requests within 300 ms.
            assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
                    .filter(line -> line.contains("tenant=\"" + tenant + "\"")))
                    .anySatisfy(line -> assertThat(line).contains("le=\"0.3\""));
        });
    }

    @Test
    void aRequestWithoutAValidTenantCountsAsUnknown() {
        Api.get("Not A Tenant", UUID.randomUUID()).statusCode(403);

        // Micrometer records a request once its response has ended, which may be after the client read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

            assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                    .filter(line -> line.contains("status=\"403\"")))
                    .anySatisfy(line -> assertThat(line).contains("tenant=\"unknown\""))
                    .noneSatisfy(line -> assertThat(line).contains("Not A Tenant"));
        });
    }

    @Test
    void latencyHistogramsCarryTheTraceIdAsExemplar() {
        Api.createdOrder(Api.newTenant());

        String metrics = RestAssured.given().accept(PROMETHEUS_ACCEPT)
                .get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_bucket{")))
                .anySatisfy(line -> assertThat(line).containsPattern("# \\{(span_id=\"[0-9a-f]{16}\",)?trace_id=\"[0-9a-f]{32}\""));
        // Prometheus refuses a whole scrape with an exemplar anywhere else (OpenMetrics 1.0).
        assertThat(metrics.lines().filter(line -> line.contains(" # {")))
                .allSatisfy(line -> assertThat(line).containsPattern("^\\w+(_bucket|_total)\\{"));
    }
}
