package io.bookstore.payments;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.DeadLetterHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.payments.support.Metrics;
import io.bookstore.payments.support.OrderEvents;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.bookstore.testkit.JdbcDatabase;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer's contract: poison records go to the dead-letter topic without stopping the partition; other types change nothing. */
@QuarkusTest
class OrderEventsConsumerTest {

    @Test
    void poisonRecordsAreDeadLetteredAndTheNextRecordOfTheOrderIsStillCharged() {
        Order order = Services.createOrder(Services.newTenant(), "pm_card_visa");
        String key = order.id().toString();
        double deadBefore = Metrics.count("bookstore.consumer.dead.letters");
        Map<String, String> noEventId = OrderEvents.headers(order, EventTypes.ORDER_CREATED);
        noEventId.remove(CloudEventHeaders.ID);
        String goodPayload = OrderEvents.orderCreated(order);

        // All on the order's key, so on one partition, in this order.
        OrderEvents.publish(key, "{not json", OrderEvents.headers(order, EventTypes.ORDER_CREATED));
        OrderEvents.publish(key, goodPayload, noEventId);
        OrderEvents.publishCreated(order);

        Payments.awaitStatus(order, "succeeded", Duration.ofSeconds(30));
        Payments.awaitOrderStatus(order, "paid", Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> dead = OrderEvents.deadLetters(key, 2);
        assertThat(dead).as("the original values, in order").extracting(ConsumerRecord::value).containsExactly("{not json", goodPayload);
        assertThat(TopicReader.header(dead.get(0), DeadLetterHeaders.REASON)).hasValueSatisfying(reason ->
                assertThat(reason).contains("not a valid order.created event"));
        assertThat(TopicReader.header(dead.get(1), DeadLetterHeaders.REASON)).hasValue("the record has no ce_id header");
        assertThat(TopicReader.header(dead.get(0), CloudEventHeaders.TYPE)).hasValue(EventTypes.ORDER_CREATED);
        assertThat(Metrics.count("bookstore.consumer.dead.letters") - deadBefore).isEqualTo(2);
        assertThat(Services.creations(order)).hasSize(1);
    }

    /**
     * A CHECK constraint refuses one order's payment (SQLSTATE 23514), as a database rule
     * refuses a row for good: that record goes to the dead-letter topic with the database's
     * reason, and the next record of its partition is charged.
     */
    @Test
    void aPaymentTheDatabaseRefusesIsDeadLetteredAndTheNextRecordOfThePartitionIsCharged() {
        String tenant = Services.newTenant();
        String refusedMethod = "pm_refused_" + UUID.randomUUID().toString().substring(0, 8);
        Order refused = new Order(UUID.randomUUID(), tenant, 4999, "USD", refusedMethod);
        Order next = Services.createOrder(tenant, "pm_card_visa");
        String key = refused.id().toString();
        String constraint = "payments_" + refusedMethod;
        JdbcDatabase database = JdbcDatabase.ofDatasource();
        double deadBefore = Metrics.count("bookstore.consumer.dead.letters");

        database.update("ALTER TABLE payments ADD CONSTRAINT " + constraint + " CHECK (payment_method <> '" + refusedMethod + "')");
        Map<String, String> refusedHeaders;
        try {
            refusedHeaders = OrderEvents.publishCreated(refused);
            // Same key, so same partition, after the refused record.
            OrderEvents.publish(key, OrderEvents.orderCreated(next), OrderEvents.headers(next, EventTypes.ORDER_CREATED));

            Payments.awaitStatus(next, "succeeded", Duration.ofSeconds(30));
        } finally {
            database.update("ALTER TABLE payments DROP CONSTRAINT " + constraint);
        }
        List<ConsumerRecord<String, String>> dead = OrderEvents.deadLetters(key, 1);
        assertThat(dead).hasSize(1);
        assertThat(TopicReader.header(dead.get(0), CloudEventHeaders.ID)).contains(refusedHeaders.get(CloudEventHeaders.ID));
        assertThat(TopicReader.header(dead.get(0), DeadLetterHeaders.REASON)).hasValueSatisfying(reason ->
                assertThat(reason).contains("SQLSTATE 23514").contains(constraint));
        assertThat(Metrics.count("bookstore.consumer.dead.letters") - deadBefore).isEqualTo(1);
        assertThat(PaymentsDb.payment(refused.id())).isEmpty();
        assertThat(PaymentsDb.processedEvents(UUID.fromString(refusedHeaders.get(CloudEventHeaders.ID)))).isZero();
        assertThat(Services.creations(refused)).isEmpty();
    }

    @Test
    void aRecordWithAMalformedTenantOrEventIdIsDeadLettered() {
        Order order = new Order(UUID.randomUUID(), Services.newTenant(), 4999, "USD", "pm_card_visa");
        Map<String, String> badTenant = OrderEvents.headers(order, EventTypes.ORDER_CREATED);
        badTenant.put(CloudEventHeaders.TENANT, "Not A Tenant");
        Map<String, String> badId = OrderEvents.headers(order, EventTypes.ORDER_CREATED);
        badId.put(CloudEventHeaders.ID, "1-2-3-4-5");

        OrderEvents.publish(order.id().toString(), OrderEvents.orderCreated(order), badTenant);
        OrderEvents.publish(order.id().toString(), OrderEvents.orderCreated(order), badId);

        List<ConsumerRecord<String, String>> dead = OrderEvents.deadLetters(order.id().toString(), 2);
        assertThat(dead).extracting(record -> TopicReader.header(record, DeadLetterHeaders.REASON).orElse(""))
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("ce_tenant 'Not A Tenant' does not match"),
                        reason -> assertThat(reason).isEqualTo("ce_id '1-2-3-4-5' is not a UUID"));
        assertThat(PaymentsDb.payment(order.id())).isEmpty();
    }

    @Test
    void eventTypesThatChargeNothingAreAcknowledgedAndChangeNothing() {
        Order order = new Order(UUID.randomUUID(), Services.newTenant(), 4999, "USD", "pm_card_visa");

        OrderEvents.publish(order.id().toString(), "{\"order_id\":\"" + order.id() + "\"}",
                OrderEvents.headers(order, EventTypes.ORDER_PAID));

        Metrics.awaitCount("bookstore.consumer.events", 1, "tenant", order.tenant(), "outcome", "ignored", "event_type", "order.paid");
        assertThat(PaymentsDb.payment(order.id())).isEmpty();
        assertThat(OrderEvents.deadLettersWithin(order.id().toString(), Duration.ofSeconds(1))).isEmpty();
    }
}
