package io.bookstore.outbox;

import io.bookstore.outbox.support.ListenerDownProfile;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** LISTEN cannot connect at all: the poll timer alone must deliver, and the service stays ready. */
@QuarkusTest
@TestProfile(ListenerDownProfile.class)
class ListenerDownTest {

    @Test
    void timerAloneDeliversEveryRow() {
        List<UUID> orders = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        String tenant = OrdersOutbox.tenant("timer");
        try (OrderTopic topic = OrderTopic.open()) {
            OrdersOutbox.insertAndNotify(orders.stream().map(order -> OrdersOutbox.event(order, tenant, 1)).toList());
            assertThat(topic.await(OrderTopic.keyedBy(orders), orders.size(), Duration.ofSeconds(10))).hasSize(orders.size());
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
