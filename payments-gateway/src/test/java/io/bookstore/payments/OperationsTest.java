package io.bookstore.payments;

import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

/** What operators and dashboards rely on: health covering the database and Kafka, and the metric names. */
@QuarkusTest
class OperationsTest {

    @Test
    void readinessCoversTheDatabaseAndTheKafkaChannel() {
        // Another test may just have given the database back: readiness follows within seconds.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> ServiceProbes.assertReady()
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check", "SmallRye Reactive Messaging - readiness check"))
                .body("checks.status", everyItem(equalTo("UP"))));
        ServiceProbes.assertLive();
    }

    @Test
    void aPaymentShowsInTheBusinessMetricsOfItsTenant() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        OrderEvents.publishCreated(order);
        Payments.awaitStatus(order, "succeeded", Duration.ofSeconds(30));
        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(30));
        String tenant = "tenant=\"" + order.tenant() + "\"";

        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("bookstore_payments_total{outcome=\"succeeded\"," + tenant + "} 1.0"))
                .body(containsString("bookstore_consumer_events_total{event_type=\"order.created\",outcome=\"processed\"," + tenant + "} 1.0"))
                .body(containsString("bookstore_psp_latency_seconds_count{operation=\"create\",outcome=\"created\"," + tenant + "} 1"))
                // Buckets, for the payments dashboard's p99.
                .body(containsString("bookstore_psp_latency_seconds_bucket{operation=\"create\",outcome=\"created\"," + tenant + ",le=\"10.0\"} 1"))
                .body(containsString("bookstore_webhook_events_total{event_type=\"payment_intent.succeeded\",outcome=\"applied\","
                        + tenant + "} 1.0"));
    }
}
