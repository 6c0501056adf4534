package io.bookstore.outbox;

import io.bookstore.outbox.support.Drained;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
class KafkaOutageTest {

    private static final Pattern PENDING = Pattern.compile("(?m)^bookstore_outbox_pending(?:\\{[^}]*})? (\\S+)$");

    @Test
    void rowsWaitWhileKafkaIsDownThenAllGoOutInOrder() {
        String tenant = OrdersOutbox.tenant("outage");
        List<UUID> orders = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = OrdersOutbox.events(orders, tenant, 4);
        KafkaBroker broker = KafkaBroker.shared();
        broker.stop();
        try {
            OrdersOutbox.insertAndNotify(rows);

            // Longer than a send timeout plus several back-offs: the rows stay, none is lost or dead-lettered.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() ->
                    OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant) == rows.size());
            assertThat(pendingGauge()).isGreaterThanOrEqualTo(rows.size());
            // The relay probes the cluster instead of claiming again: one failed attempt per row at most.
            assertThat(OrdersOutbox.queryLong("SELECT max(attempts) FROM outbox WHERE tenant = ?", tenant)).isLessThanOrEqualTo(1);
            given().get("/q/health/ready").then().statusCode(503).body(containsString("Kafka cluster"));
        } finally {
            broker.start();
        }

        Drained.assertAllPublished(rows);
    }

    private static double pendingGauge() {
        Matcher matcher = PENDING.matcher(OutboxPublishTest.metricsPage());
        assertThat(matcher.find()).as("bookstore_outbox_pending on /q/metrics").isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
