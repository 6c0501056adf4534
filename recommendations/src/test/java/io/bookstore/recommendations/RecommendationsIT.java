package io.bookstore.recommendations;

import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Tenants;
import io.bookstore.recommendations.support.Isbns;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestTenants;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

/**
 * The packaged service (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on a fresh database and the shared broker
 * ({@link io.bookstore.recommendations.support.TestInfrastructure}).
 */
@QuarkusIntegrationTest
class RecommendationsIT {

    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    /** Either answer to that Accept header is one Prometheus parses. */
    private static final String PROMETHEUS_FORMATS = "(application/openmetrics-text; version=1\\.0\\.0|text/plain; version=0\\.0\\.4);.*";
    private static final Duration CONSUMED = Duration.ofSeconds(30);

    @Test
    void isLiveAndReadyOnItsDatabaseAndTheOrderEvents() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(CONSUMED).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsString("Reactive Messaging"))));
    }

    @Test
    void recommendationsWithoutTheTenantAreAValidationProblem() {
        given().queryParam("isbn", Isbns.next()).get("/recommendations").then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors.field", contains(Tenants.HEADER));
    }

    @Test
    void paidOrdersOnTheTopicBecomeBoughtTogetherRecommendations() {
        String tenant = TestTenants.fresh("it");
        String a = Isbns.next();
        String b = Isbns.next();
        String c = Isbns.next();

        OrderRecord.sendAll(
                OrderRecord.paid(tenant, line(a, 1), line(b, 1)),
                OrderRecord.paid(tenant, line(a, 1), line(b, 2)),
                OrderRecord.paid(tenant, line(a, 1), line(c, 1)));

        await().atMost(CONSUMED).untilAsserted(() -> given().header(Tenants.HEADER, tenant)
                .queryParam("isbn", a).queryParam("limit", 5)
                .get("/recommendations").then().statusCode(200)
                .body("isbn", equalTo(a))
                .body("recommendations.isbn", contains(Isbns.digits(b), Isbns.digits(c)))
                .body("recommendations.score", contains(2, 1))
                .body("recommendations.reason", contains("bought_together", "bought_together")));

        // Counted once the record is acknowledged, a moment after its rows are visible.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "(?m)^bookstore_consumer_events_total\\{(?=[^}]*event_type=\"" + EventTypes.ORDER_PAID
                        + "\")(?=[^}]*outcome=\"processed\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*} 3\\.0( #.*)?$"));
    }

    /** /q/metrics as Prometheus asks for it. */
    private static String scrape() {
        return given().accept(PROMETHEUS_ACCEPT).get("/q/metrics").then().statusCode(200)
                .contentType(matchesPattern(PROMETHEUS_FORMATS))
                .extract().asString();
    }
}
