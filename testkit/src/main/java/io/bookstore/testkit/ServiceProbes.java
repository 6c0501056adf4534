package io.bookstore.testkit;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * What every packaged-service IT asks of the service under test (RestAssured's base URI and
 * port): that it is live and ready, and its {@code /q/metrics} as Prometheus scrapes it.
 */
public final class ServiceProbes {

    /** The Accept header Prometheus sends: OpenMetrics first, the classic text format as a fallback. */
    public static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    /** Either answer to that Accept header is one Prometheus parses. */
    private static final String PROMETHEUS_FORMATS = "(application/openmetrics-text; version=1\\.0\\.0|text/plain; version=0\\.0\\.4);.*";

    private ServiceProbes() {
    }

    /** {@code /q/health/live} answers 200 and UP. */
    public static void assertLive() {
        RestAssured.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * {@code /q/health/ready} answers 200 and UP, with a check whose name contains each of
     * {@code checkNames} (for example {@code Reactive PostgreSQL}); returns the answer for more.
     */
    public static ValidatableResponse assertReady(String... checkNames) {
        ValidatableResponse ready = RestAssured.given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        for (String checkName : checkNames) {
            ready.body("checks.name", hasItem(containsString(checkName)));
        }
        return ready;
    }

    /** {@link #assertReady} holds within {@code timeout} (consumers join their group after start-up). */
    public static void awaitReady(Duration timeout, String... checkNames) {
        await().atMost(timeout).untilAsserted(() -> assertReady(checkNames));
    }

    /** {@code /q/metrics} as Prometheus asks for it, in a format Prometheus parses. */
    public static String scrape() {
        return RestAssured.given().accept(PROMETHEUS_ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType(matchesPattern(PROMETHEUS_FORMATS))
                .extract().asString();
    }
}
