package io.bookstore.recommendations;

import io.bookstore.contracts.TraceHeaders;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.DeadLetters;
import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.KafkaResource;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** What operators rely on: health, business metrics per tenant, and traces that continue the producer's. */
@QuarkusTest
class OperationsTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void readinessCoversTheDatabaseAndKafka() {
        await().atMost(TestDatabase.CONSUMED).untilAsserted(() -> ServiceProbes.assertReady("Reactive PostgreSQL", "Reactive Messaging")
                // One entry per consumer of the channel (concurrency 3: order-events$1 … $3).
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.'order-events$1'", equalTo("[OK]"))
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.'order-events$3'", equalTo("[OK]")));
        ServiceProbes.assertLive();
    }

    @Test
    void everyOutcomeOfTheConsumerIsCounted() {
        String tenant = TestTenants.fresh("metrics");
        OrderRecord paid = OrderRecord.paid(tenant, line(Isbns.next(), 1), line(Isbns.next(), 1));
        OrderRecord ignored = OrderRecord.created(tenant, line(Isbns.next(), 1)).withKey(paid.key());
        OrderRecord poison = OrderRecord.paid(tenant, line(Isbns.next(), 1)).withValue("not json").withKey(paid.key());
        OrderRecord next = OrderRecord.paid(tenant, line(Isbns.next(), 1)).withKey(paid.key());
        double deadLettersBefore = metric("bookstore_consumer_dead_letters_total{event_type=\"order.paid\"}");

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            OrderRecord.sendAll(paid, paid, ignored, poison, next);
            TestDatabase.awaitProcessed(next.eventId());
            deadLetters.await(poison.key(), 1, TestDatabase.CONSUMED);
        }

        String metrics = metrics();
        assertThat(metrics)
                .contains("bookstore_consumer_events_total{event_type=\"order.paid\",outcome=\"processed\",tenant=\"" + tenant + "\"} 2.0")
                .contains("bookstore_consumer_events_total{event_type=\"order.paid\",outcome=\"duplicate\",tenant=\"" + tenant + "\"} 1.0")
                .contains("bookstore_consumer_events_total{event_type=\"order.created\",outcome=\"ignored\",tenant=\"" + tenant + "\"} 1.0");
        assertThat(metric("bookstore_consumer_dead_letters_total{event_type=\"order.paid\"}")).isEqualTo(deadLettersBefore + 1);
    }

    @Test
    void httpMetricsCarryTheTenant() {
        String tenant = TestTenants.fresh("metrics");
        given().auth().oauth2(TestTokens.shared().shopper(tenant)).queryParam("isbn", Isbns.next())
                .when().get("/recommendations")
                .then().statusCode(200);

        // Micrometer records a request once its response has ended, which may be after the client read it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(metrics().lines().filter(line -> line.startsWith("http_server_requests_seconds_count")
                    && line.contains("uri=\"/recommendations\"") && line.contains("tenant=\"" + tenant + "\"")))
                    .isNotEmpty();
        });
    }

    @Test
    void consumingAnEventContinuesTheTraceOfItsRecordDownToTheDatabase() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpanId = "00f067aa0ba902b7";
        OrderRecord paid = OrderRecord.paid(TestTenants.fresh("traced"), line(Isbns.next(), 1), line(Isbns.next(), 1))
                .withHeader(TraceHeaders.TRACEPARENT, "00-" + traceId + "-" + parentSpanId + "-01");

        paid.send();
        TestDatabase.awaitProcessed(paid.eventId());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .toList();
            SpanData consumer = trace.stream().filter(span -> span.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
            assertThat(consumer.getParentSpanId()).isEqualTo(parentSpanId);
            assertThat(consumer.getName()).contains("bookstore.orders.v1");
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(span.getName()).containsIgnoringCase("INSERT");
                assertThat(span.getParentSpanId()).isEqualTo(consumer.getSpanId());
            });
        });
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one Prometheus series (an exemplar may follow it), 0 when it does not exist yet. */
    private static double metric(String series) {
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)", Pattern.MULTILINE).matcher(metrics());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
