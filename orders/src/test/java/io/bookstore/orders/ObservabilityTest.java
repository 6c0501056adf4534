package io.bookstore.orders;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessCoversTheDatabase() {
        RestAssured.get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void ordersEnteringEachStatusAreCountedPerTenant() {
        String tenant = Api.newTenant();
        UUID paid = Api.createdOrder(tenant);
        UUID failed = Api.createdOrder(tenant);
        Api.patch(tenant, paid, Api.outcome("paid", Api.newPaymentId())).statusCode(200);
        String paymentId = Api.newPaymentId();
        Api.patch(tenant, failed, Api.outcome("payment_failed", paymentId)).statusCode(200);
        Api.patch(tenant, failed, Api.outcome("payment_failed", paymentId)).statusCode(200);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("bookstore_orders_total{status=\"pending_payment\",tenant=\"" + tenant + "\"} 2.0")
                .contains("bookstore_orders_total{status=\"paid\",tenant=\"" + tenant + "\"} 1.0")
                .contains("bookstore_orders_total{status=\"payment_failed\",tenant=\"" + tenant + "\"} 1.0");
    }

    @Test
    void httpServerMetricsCarryTheTenant() {
        String tenant = Api.newTenant();
        Api.createdOrder(tenant);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> line.contains("tenant=\"" + tenant + "\"")))
                .anySatisfy(line -> assertThat(line).contains("method=\"POST\"").contains("status=\"201\""));
    }
}
