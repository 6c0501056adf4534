package io.bookstore.recommendations;

import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Isbn;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.ServiceProbes;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The packaged service (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on a fresh database and the shared broker
 * ({@link io.bookstore.recommendations.support.TestInfrastructure}).
 */
@QuarkusIntegrationTest
class RecommendationsIT {

    @Test
    void isLiveAndReadyOnItsDatabaseAndTheOrderEvents() {
        ServiceProbes.assertLive();
        ServiceProbes.awaitReady(TestDatabase.CONSUMED, "Reactive PostgreSQL", "Reactive Messaging");
    }

    @Test
    void recommendationsWithoutATokenAreRefused() {
        given().queryParam("isbn", Isbns.next()).get("/recommendations").then().statusCode(401)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
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

        await().atMost(TestDatabase.CONSUMED).untilAsserted(() -> given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .queryParam("isbn", a).queryParam("limit", 5)
                .get("/recommendations").then().statusCode(200)
                .body("isbn", equalTo(a))
                .body("recommendations.isbn", contains(Isbn.digits(b), Isbn.digits(c)))
                .body("recommendations.score", contains(2, 1))
                .body("recommendations.reason", contains("bought_together", "bought_together")));

        // Counted once the record is acknowledged, a moment after its rows are visible.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ServiceProbes.scrape()).containsPattern(
                "(?m)^bookstore_consumer_events_total\\{(?=[^}]*event_type=\"" + EventTypes.ORDER_PAID
                        + "\")(?=[^}]*outcome=\"processed\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*} 3\\.0( #.*)?$"));
    }
}
