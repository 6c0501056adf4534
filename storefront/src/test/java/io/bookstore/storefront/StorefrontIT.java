package io.bookstore.storefront;

import static org.hamcrest.Matchers.startsWith;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.ServiceProbes;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged storefront (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, in front of the packaged catalog, orders and recommendations of the
 * {@link Platform}, exporting its spans to the platform's OTLP sink.
 */
@QuarkusIntegrationTest
class StorefrontIT {

    @Test
    void isLiveAndReady() {
        ServiceProbes.assertLive();
        ServiceProbes.assertReady();
    }

    @Test
    void aCheckoutWithoutATokenIsRefused() {
        Api.checkout(RestAssured.given(), Api.basket(Databases.newBook(1))).statusCode(401)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aCheckoutReservesStockCreatesTheOrderInOneTraceAndIsCounted() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(5, 2500, "USD");
        String traceparent = Api.newTraceparent();
        String traceId = Api.traceId(traceparent);
        Map<String, Object> body = Api.basket(isbn);
        Api.firstItem(body).put("qty", 2);

        ExtractableResponse<Response> accepted = Api.checkout(Api.as(tenant).header("traceparent", traceparent), body)
                .statusCode(202)
                .body("status", equalTo("pending_payment"))
                .body("trace_id", equalTo(traceId))
                .extract();
        String id = accepted.path("order_id");
        assertThat(accepted.header("Location")).endsWith("/api/v2/orders/" + id);

        assertThat(Databases.stock(isbn)).isEqualTo(3);
        Api.order(tenant, id).statusCode(200)
                .body("order_id", equalTo(id))
                .body("status", equalTo("pending_payment"))
                .body("total_cents", equalTo(5000));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Downstream.spans(traceId))
                .extracting(span -> span.get("service") + " " + span.get("kind"))
                .as("server spans (kind 2) of every service on the way, the storefront's client spans (kind 3)")
                .contains("storefront 2", "storefront 3", "catalog 2", "orders 2"));

        String metrics = ServiceProbes.scrape();
        assertThat(metrics).containsPattern("(?m)^bookstore_checkouts_total\\{(?=[^}]*outcome=\"accepted\")(?=[^}]*tenant=\""
                + tenant + "\")[^}]*} 1\\.0( #.*)?$");
    }
}
