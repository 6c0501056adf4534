package io.bookstore.storefront;

import static org.hamcrest.Matchers.startsWith;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.testkit.TopicWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RecommendationsTest {

    @Test
    void booksBoughtTogetherComeWithTheirTitleAuthorAndPrice() {
        Assumptions.assumeTrue(Downstream.RECOMMENDATIONS.available(), "recommendations is not packaged in this build");
        String tenant = Api.newTenant();
        String bought = Databases.newBook(5, 1500, "USD");
        String boughtWith = Databases.newBook(5, 2750, "USD");
        // Recommendations knows this book from the order; catalog does not sell it, so no shopper should see it.
        String notSold = "978-1-4028-9462-6";
        paid(tenant, bought, boughtWith, notSold);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> recommendations(tenant, bought)
                .statusCode(200)
                .body("isbn", equalTo(bought))
                .body("recommendations.size()", equalTo(1))
                .body("recommendations[0].isbn", equalTo(boughtWith))
                .body("recommendations[0].title", equalTo("Test Book " + boughtWith))
                .body("recommendations[0].author", equalTo("Test Author"))
                .body("recommendations[0].price_cents", equalTo(2750))
                .body("recommendations[0].currency", equalTo("USD"))
                .body("recommendations[0].score", equalTo(1))
                .body("recommendations[0].reason", equalTo("bought_together")));
    }

    @Test
    void aBookNobodyBoughtHasNoRecommendationsForANewTenant() {
        Assumptions.assumeTrue(Downstream.RECOMMENDATIONS.available(), "recommendations is not packaged in this build");
        recommendations(Api.newTenant(), Databases.newBook(1))
                .statusCode(200)
                .body("recommendations.size()", equalTo(0));
    }

    @Test
    void recommendationsUnreachableIsA503NamingIt() {
        boolean running = Downstream.RECOMMENDATIONS.available();
        if (running) {
            // Unreachable through its proxy rather than killed: a killed Kafka consumer would hold
            // its partitions until its session times out, and delay the other tests' events.
            Downstream.RECOMMENDATIONS.refuse();
        }
        try {
            recommendations(Api.newTenant(), "978-0-13-468599-1")
                    .spec(Api.problem(503, Api.UNAVAILABLE))
                    .body("detail", containsString("recommendations is unavailable"));
        } finally {
            if (running) {
                Downstream.RECOMMENDATIONS.resume();
            }
        }
    }

    @Test
    void theQueryIsValidated() {
        String tenant = Api.newTenant();
        Api.as(tenant).get("/api/v2/recommendations").then()
                .statusCode(400).body("errors[0].field", equalTo("isbn"));
        Api.as(tenant).get("/api/v2/recommendations?isbn=123").then()
                .statusCode(400).body("errors[0].field", equalTo("isbn"));
        Api.as(tenant).get("/api/v2/recommendations?isbn=9780134685991&limit=51").then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        RestAssured.given().get("/api/v2/recommendations?isbn=9780134685991").then()
                .statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
    }

    private static ValidatableResponse recommendations(String tenant, String isbn) {
        return Api.as(tenant).get("/api/v2/recommendations?isbn=" + isbn + "&limit=5").then();
    }

    /** Publishes {@code order.paid} for one copy of each book, as outbox-publisher relays it. */
    private static void paid(String tenant, String... isbns) {
        UUID orderId = UUID.randomUUID();
        StringBuilder lines = new StringBuilder();
        for (String isbn : isbns) {
            lines.append(lines.isEmpty() ? "" : ",").append("{\"isbn\":\"").append(isbn)
                    .append("\",\"qty\":1,\"unit_price_cents\":1000}");
        }
        String payload = "{\"order_id\":\"" + orderId + "\",\"tenant\":\"" + tenant + "\",\"version\":2,"
                + "\"payment_id\":\"pi_test\",\"currency\":\"USD\",\"total_cents\":" + 1000 * isbns.length + ","
                + "\"lines\":[" + lines + "],\"paid_at\":\"" + Instant.now() + "\"}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.TYPE, EventTypes.ORDER_PAID);
        headers.put(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_ORDERS);
        headers.put(CloudEventHeaders.SUBJECT, orderId.toString());
        headers.put(CloudEventHeaders.TIME, Instant.now().toString());
        headers.put(CloudEventHeaders.TENANT, tenant);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        String bootstrap = ConfigProvider.getConfig().getValue("platform.kafka.bootstrap-servers", String.class);
        try (TopicWriter writer = TopicWriter.to(bootstrap)) {
            writer.send(Topics.ORDERS, orderId.toString(), payload, headers);
        }
    }
}
