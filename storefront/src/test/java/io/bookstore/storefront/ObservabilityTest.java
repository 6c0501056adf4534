package io.bookstore.storefront;

import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class ObservabilityTest {

    @Test
    void checkoutsAreCountedByTenantAndOutcome() {
        String tenant = Api.newTenant();
        Api.checkout(tenant, Api.basket(Databases.newBook(3))).statusCode(202);
        Api.checkout(tenant, Api.basket(Databases.newBook(3))).statusCode(202);
        Map<String, Object> tooMany = Api.basket(Databases.newBook(1));
        Api.firstItem(tooMany).put("qty", 2);
        Api.checkout(tenant, tooMany).statusCode(409);
        Api.checkout(tenant, Map.of("items", "none")).statusCode(400);

        assertThat(Metrics.scrape())
                .contains("bookstore_checkouts_total{outcome=\"accepted\",tenant=\"" + tenant + "\"} 2.0")
                .contains("bookstore_checkouts_total{outcome=\"rejected\",tenant=\"" + tenant + "\"} 2.0");
    }

    @Test
    void httpServerMetricsCarryTheTenant() {
        String tenant = Api.newTenant();
        Api.checkout(tenant, Api.basket(Databases.newBook(3))).statusCode(202);

        // Micrometer records a request once its response has ended, which may be after the client read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Metrics.scrape().lines()
                    .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                    .filter(line -> line.contains("uri=\"/api/v2/checkout\""))
                    .filter(line -> line.contains("tenant=\"" + tenant + "\"")))
                    .singleElement()
                    // The count, then possibly an exemplar linking the sample to its trace.
                    .satisfies(line -> assertThat(line).contains("status=\"202\"").matches(".*} 1\\.0( #.*)?"));
        });
    }

    @Test
    void liveAndReadyAreUp() {
        ServiceProbes.assertLive();
        ServiceProbes.assertReady();
    }
}
