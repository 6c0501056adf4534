package io.bookstore.payments;

import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A good record that meets a database outage waits for the database: it is neither lost nor dead-lettered. */
@QuarkusTest
class DatabaseOutageTest {

    @AfterEach
    void databaseBack() {
        PaymentsDb.outage(false);
    }

    @Test
    void anOrderEventArrivingWhileTheDatabaseIsDownIsChargedOnceItIsBack() throws InterruptedException {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        PaymentsDb.outage(true);

        OrderEvents.publishCreated(order);
        // Several back-off rounds of the consumer against the missing database.
        Thread.sleep(4000);
        assertThat(Services.creations(order)).as("nothing is charged before the payment is recorded").isEmpty();

        PaymentsDb.outage(false);

        Payments.awaitStatus(order, "succeeded", Duration.ofSeconds(40));
        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(30));
        assertThat(Services.creations(order)).hasSize(1);
        assertThat(OrderEvents.deadLettersWithin(order.id().toString(), Duration.ofSeconds(1))).as("a passing failure is not a poison record").isEmpty();
    }
}
