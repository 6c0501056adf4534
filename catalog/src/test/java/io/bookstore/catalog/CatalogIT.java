package io.bookstore.catalog;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.ServiceProbes;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The packaged service (the jar, or the native executable under {@code -Pnative}) in its
 * production profile, on the fresh database of {@link TestDatabase} and the broker of
 * {@link TestKafka}.
 */
@QuarkusIntegrationTest
class CatalogIT {

    @Test
    void isLiveAndReadyOnItsDatabaseAndTheOrderEvents() {
        ServiceProbes.assertLive();
        // The consumers join their group after start-up.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ServiceProbes.assertReady("Reactive PostgreSQL")
                .body("checks.find { it.name.contains('Reactive Messaging') }.data.'order-events$1'", equalTo("[OK]")));
    }

    @Test
    void servesTheSeededBooksAndReservesAndReleasesStock() {
        String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
        given().queryParam("isbn", TestDatabase.EFFECTIVE_JAVA).get("/catalog/items").then().statusCode(200)
                .body("isbn", contains(TestDatabase.EFFECTIVE_JAVA))
                .body("title", contains("Effective Java"))
                .body("price_cents", contains(4999))
                .body("currency", contains("USD"));
        int stock = stock();
        UUID orderId = UUID.randomUUID();

        given().auth().oauth2(TestTokens.shared().shopper(tenant)).contentType(ContentType.JSON)
                .body("{\"order_id\":\"" + orderId + "\",\"items\":[{\"isbn\":\"" + TestDatabase.EFFECTIVE_JAVA + "\",\"qty\":2}]}")
                .post("/catalog/reservations").then().statusCode(201)
                .body("status", equalTo("reserved"));
        assertThat(stock()).isEqualTo(stock - 2);

        given().auth().oauth2(TestTokens.shared().shopper(tenant)).delete("/catalog/reservations/{order_id}", orderId).then().statusCode(204);
        assertThat(stock()).isEqualTo(stock);

        String metrics = ServiceProbes.scrape();
        for (String outcome : new String[] {"reserved", "released"}) {
            assertThat(metrics).containsPattern("(?m)^bookstore_catalog_reservations_total\\{(?=[^}]*outcome=\"" + outcome
                    + "\")(?=[^}]*tenant=\"" + tenant + "\")[^}]*} 1\\.0( #.*)?$");
        }
    }

    @Test
    void aReservationWithoutATokenIsRefused() {
        given().contentType(ContentType.JSON)
                .body("{\"order_id\":\"" + UUID.randomUUID() + "\",\"items\":[{\"isbn\":\"" + TestDatabase.EFFECTIVE_JAVA + "\",\"qty\":1}]}")
                .post("/catalog/reservations").then().statusCode(401)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    private static int stock() {
        return given().get("/catalog/items/{isbn}", TestDatabase.EFFECTIVE_JAVA).then().statusCode(200)
                .extract().path("stock");
    }
}
