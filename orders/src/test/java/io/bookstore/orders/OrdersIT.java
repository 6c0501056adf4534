package io.bookstore.orders;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The packaged service (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on the fresh database of {@link OrdersTestResources}.
 */
@QuarkusIntegrationTest
class OrdersIT {

    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    /** Either answer to that Accept header is one Prometheus parses. */
    private static final String PROMETHEUS_FORMATS = "(application/openmetrics-text; version=1\\.0\\.0|text/plain; version=0\\.0\\.4);.*";

    @Test
    void isLiveAndReadyOnItsDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")));
    }

    @Test
    void createsAnOrderReadsItBackForItsTenantOnlyAndCountsIt() {
        String tenant = Api.newTenant();

        UUID id = Api.createdOrder(tenant);

        Api.get(tenant, id).statusCode(200)
                .body("order_id", equalTo(id.toString()))
                .body("status", equalTo("pending_payment"))
                .body("total_cents", equalTo(2 * 4999 + 3550))
                .body("currency", equalTo("USD"))
                .body("lines.isbn", contains(Api.EFFECTIVE_JAVA, Api.HEAD_FIRST));
        Api.get(Api.newTenant(), id).statusCode(404);

        assertThat(scrape()).containsPattern(
                "(?m)^bookstore_orders_total\\{(?=[^}]*status=\"pending_payment\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*} 1\\.0( #.*)?$");
    }

    /** /q/metrics as Prometheus asks for it. */
    private static String scrape() {
        return given().accept(PROMETHEUS_ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType(matchesPattern(PROMETHEUS_FORMATS))
                .extract().asString();
    }
}
