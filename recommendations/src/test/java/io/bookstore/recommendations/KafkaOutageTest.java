package io.bookstore.recommendations;

import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Readiness follows the broker, and the consumer picks up where it was once the broker is back. */
@QuarkusTest
class KafkaOutageTest {

    private static final Duration NOTICED = Duration.ofSeconds(60);

    @AfterEach
    void brokerIsBack() {
        KafkaBroker.shared().start();
    }

    @Test
    void readinessGoesDownWithTheBrokerAndTheConsumerResumesAfterIt() {
        await().atMost(TestDatabase.CONSUMED).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));

        KafkaBroker.shared().stop();
        await().atMost(NOTICED).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN")));
        // Losing the broker is not a reason to restart the service.
        given().when().get("/q/health/live").then().statusCode(200);

        KafkaBroker.shared().start();
        await().atMost(NOTICED).untilAsserted(() -> given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP")));
        OrderRecord paid = OrderRecord.paid(TestTenants.fresh("outage"), line(Isbns.next(), 1)).send();
        TestDatabase.awaitProcessed(paid.eventId());
    }
}
