package io.bookstore.catalog;

import io.bookstore.contracts.Spans;
import io.bookstore.testkit.ServiceProbes;
import io.bookstore.testkit.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.bookstore.catalog.ReservationResourceTest.item;
import static io.bookstore.catalog.ReservationResourceTest.release;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What operators rely on: health, metrics with tenant tags, and traces that continue the caller's. */
@QuarkusTest
class OperationsTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void readinessCoversTheDatabaseAndTheOrderEventsChannel() {
        ServiceProbes.assertReady("Reactive PostgreSQL")
                .body("checks.find { it.name.contains('Reactive Messaging') }.status", equalTo("UP"))
                // One entry per consumer of the channel (concurrency 3: order-events$1 … $3).
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.'order-events$1'", equalTo("[OK]"))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.'order-events$3'", equalTo("[OK]"));
        ServiceProbes.assertLive();
    }

    @Test
    void reservationOutcomesAreCountedPerTenant() {
        String tenant = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        String isbn = TestDatabase.newBook(1);
        UUID reserved = UUID.randomUUID();
        given().auth().oauth2(TestTokens.shared().shopper(tenant)).contentType("application/json")
                .body(ReservationResourceTest.body(reserved, item(isbn, 1)))
                .when().post("/catalog/reservations").then().statusCode(201);
        given().auth().oauth2(TestTokens.shared().shopper(tenant)).contentType("application/json")
                .body(ReservationResourceTest.body(UUID.randomUUID(), item(isbn, 1)))
                .when().post("/catalog/reservations").then().statusCode(409);
        given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .when().delete("/catalog/reservations/{order_id}", reserved).then().statusCode(204);
        // A replayed release returns no stock and is not counted again.
        given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .when().delete("/catalog/reservations/{order_id}", reserved).then().statusCode(204);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("bookstore_catalog_reservations_total{outcome=\"reserved\",tenant=\"" + tenant + "\"} 1.0")
                .contains("bookstore_catalog_reservations_total{outcome=\"insufficient_stock\",tenant=\"" + tenant + "\"} 1.0")
                .contains("bookstore_catalog_reservations_total{outcome=\"released\",tenant=\"" + tenant + "\"} 1.0");
        // Micrometer records a request once its response has ended, which may be after the client read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                        .filter(line -> line.startsWith("http_server_requests_seconds_count")
                                && line.contains("uri=\"/catalog/reservations\"") && line.contains("tenant=\"" + tenant + "\"")))
                .isNotEmpty());
    }

    @Test
    void aRequestContinuesTheCallersTraceDownToTheDatabase() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpanId = "00f067aa0ba902b7";
        String isbn = TestDatabase.newBook(5);
        UUID orderId = UUID.randomUUID();

        given().header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .auth().oauth2(TestTokens.shared().shopper("acme")).contentType("application/json")
                .body(ReservationResourceTest.body(orderId, item(isbn, 1)))
                .when().post("/catalog/reservations")
                .then().statusCode(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .toList();
            // An assertion, not orElseThrow: awaitility retries only on assertion errors.
            List<SpanData> servers = trace.stream().filter(span -> span.getKind() == SpanKind.SERVER).toList();
            assertThat(servers).hasSize(1);
            SpanData server = servers.get(0);
            assertThat(server.getParentSpanId()).isEqualTo(parentSpanId);
            assertThat(server.getName()).isEqualTo(Spans.RESERVE_STOCK);
            // The reservation's one statement, which takes the stock, by its query text.
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(span.getAttributes().asMap().values())
                        .anySatisfy(value -> assertThat(String.valueOf(value)).contains("UPDATE books"));
            });
        });
        release(orderId).statusCode(204);
    }
}
