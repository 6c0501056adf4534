package io.bookstore.kit.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.DeadLetterHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Topics;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.testkit.DeadLetters;
import io.bookstore.testkit.JdbcDatabase;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.OrderEventRecords;
import io.bookstore.testkit.TopicReader;
import io.bookstore.testkit.TopicWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consume template against a real broker and database, through a consumer written as a
 * service writes one ({@link PaidOrdersConsumer}) on nothing but the kit's channel defaults.
 */
@QuarkusTest
class CloudEventConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    PaidOrdersConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    @Inject
    Pool pool;

    @Inject
    ProcessedEventsPruner pruner;

    private static TopicWriter topic;

    /** One tenant per test (JUnit makes an instance per test), so that the per-tenant counters of one test are its own. */
    private final String tenant = "kit-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void openWriter() {
        topic = TopicWriter.to(KafkaResource.bootstrapServers());
    }

    @AfterAll
    static void closeWriter() {
        topic.close();
    }

    @Test
    void aNewEventIsAppliedOnceAndItsRedeliveryChangesNothing() {
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Map<String, String> headers = OrderEventRecords.headers(EventTypes.ORDER_PAID, eventId, orderId, tenant);

        send(orderId, headers, paid(orderId, "pi_first"));
        // The same ce_id again, even with another payload: a redelivery, whatever it says.
        send(orderId, headers, paid(orderId, "pi_second"));

        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_DUPLICATE) == 1);
        assertThat(consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_PROCESSED)).isEqualTo(1);
        assertThat(paymentIds(orderId)).containsExactly("pi_first");
        assertThat(processedEvents(eventId)).isEqualTo(1);
        assertThat(consumer.committed(eventId)).hasSize(1);
    }

    /** Pruning forgets only what the retention (15 days) lets go: a redelivery within it changes nothing. */
    @Test
    void aRedeliveryWithinTheRetentionIsStillADuplicateAfterPruning() {
        UUID keptOrder = UUID.randomUUID();
        Map<String, String> kept = OrderEventRecords.headers(EventTypes.ORDER_PAID, UUID.randomUUID(), keptOrder, tenant);
        UUID goneOrder = UUID.randomUUID();
        UUID goneEvent = UUID.randomUUID();
        send(keptOrder, kept, paid(keptOrder, "pi_kept"));
        sendPaid(goneOrder, goneEvent, "pi_gone");
        UUID keptEvent = UUID.fromString(kept.get(CloudEventHeaders.ID));
        await().atMost(PATIENCE).until(() -> processedEvents(keptEvent) == 1 && processedEvents(goneEvent) == 1);

        processedAgo(keptEvent, "14 days 23 hours");
        processedAgo(goneEvent, "15 days 1 minute");
        pruner.prune().await().atMost(PATIENCE);

        assertThat(processedEvents(keptEvent)).isEqualTo(1);
        assertThat(processedEvents(goneEvent)).isZero();
        send(keptOrder, kept, paid(keptOrder, "pi_kept"));
        await().atMost(PATIENCE).until(() -> consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_DUPLICATE) == 1);
        assertThat(consumer.attempts(keptEvent)).hasSize(1);
        assertThat(paymentIds(keptOrder)).containsExactly("pi_kept");
    }

    @Test
    void typesTheServiceDoesNotHandleAreAcknowledgedAndCountedIgnored() {
        UUID orderId = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        Map<String, String> unknown = OrderEventRecords.headers("order.shipped", UUID.randomUUID(), orderId, "Not A Tenant");
        unknown.remove(CloudEventHeaders.ID);
        double unknownBefore = consumed("unknown", BusinessMetrics.OUTCOME_IGNORED, BusinessMetrics.UNKNOWN_TENANT);

        send(orderId, OrderEventRecords.headers(EventTypes.ORDER_CREATED, created, orderId, tenant), "{}");
        // Its envelope is broken too, but it belongs to other consumers: not this one's dead letter.
        send(orderId, unknown, "{}");
        UUID next = applied(orderId, "pi_after");

        assertThat(processedEvents(next)).isEqualTo(1);
        assertThat(consumed(EventTypes.ORDER_CREATED, BusinessMetrics.OUTCOME_IGNORED)).isEqualTo(1);
        assertThat(consumed("unknown", BusinessMetrics.OUTCOME_IGNORED, BusinessMetrics.UNKNOWN_TENANT)).isEqualTo(unknownBefore + 1);
        assertThat(processedEvents(created)).isZero();
        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            assertThat(deadLetters.during(Duration.ofSeconds(1), orderId.toString())).isEmpty();
        }
    }

    @Test
    void aBrokenRecordIsDeadLetteredAndTheNextRecordOfItsPartitionIsApplied() {
        UUID orderId = UUID.randomUUID();
        Map<String, String> badId = OrderEventRecords.headers(EventTypes.ORDER_PAID, UUID.randomUUID(), orderId, tenant);
        badId.put(CloudEventHeaders.ID, "1-2-3-4-5");
        Map<String, String> noType = OrderEventRecords.headers(EventTypes.ORDER_PAID, UUID.randomUUID(), orderId, tenant);
        noType.remove(CloudEventHeaders.TYPE);
        double deadBefore = deadLettered(EventTypes.ORDER_PAID);
        double unknownDeadBefore = deadLettered("unknown");

        send(orderId, badId, paid(orderId, "pi_bad_id"));
        send(orderId, OrderEventRecords.headers(EventTypes.ORDER_PAID, UUID.randomUUID(), orderId, tenant), "{\"order_id\": ");
        send(orderId, noType, paid(orderId, "pi_no_type"));
        applied(orderId, "pi_good");

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            List<ConsumerRecord<String, String>> dead = deadLetters.await(orderId.toString(), 3, PATIENCE);
            assertThat(dead).extracting(record -> TopicReader.header(record, DeadLetterHeaders.REASON).orElseThrow())
                    .satisfiesExactly(
                            reason -> assertThat(reason).isEqualTo("ce_id '1-2-3-4-5' is not a UUID"),
                            reason -> assertThat(reason).startsWith("the payload is not a valid order.paid event: "),
                            reason -> assertThat(reason).isEqualTo("the record has no ce_type header"));
            assertThat(dead).allSatisfy(record -> assertThat(TopicReader.header(record, DeadLetterHeaders.TOPIC)).contains(Topics.ORDERS));
        }
        assertThat(paymentIds(orderId)).isEmpty();
        assertThat(deadLettered(EventTypes.ORDER_PAID)).isEqualTo(deadBefore + 2);
        assertThat(deadLettered("unknown")).isEqualTo(unknownDeadBefore + 1);
    }

    @Test
    void aFailureTheServiceCallsPoisonIsDeadLetteredAndLeavesNothingBehind() {
        UUID refusedOrder = UUID.randomUUID();
        UUID refusedEvent = UUID.randomUUID();

        sendPaid(refusedOrder, refusedEvent, PaidOrdersConsumer.REFUSED);
        applied(refusedOrder, "pi_next");

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            ConsumerRecord<String, String> dead = deadLetters.await(refusedOrder.toString(), 1, PATIENCE).get(0);
            assertThat(TopicReader.header(dead, DeadLetterHeaders.REASON)).contains("order " + refusedOrder + " is refused for good");
            assertThat(TopicReader.header(dead, CloudEventHeaders.ID)).contains(refusedEvent.toString());
        }
        // Rolled back with the work: a replay from the dead-letter topic would be judged afresh.
        assertThat(processedEvents(refusedEvent)).isZero();
        assertThat(consumer.attempts(refusedEvent)).hasSize(1);
        assertThat(consumer.committed(refusedEvent)).isEmpty();
        assertThat(paymentIds(refusedOrder)).isEmpty();
    }

    @Test
    void aPassingFailureIsRetriedOnTheRecordsContextUntilItCommits() {
        Paid paid = sentPaidCommitted(PaidOrdersConsumer.FAIL_TWICE, 1);

        assertThat(consumer.attempts(paid.eventId())).hasSize(3);
        assertAllOnOneContextOfTheTenant(consumer.attempts(paid.eventId()));
        assertThat(processedEvents(paid.eventId())).isEqualTo(1);
        assertThat(paymentIds(paid.orderId())).containsExactly(PaidOrdersConsumer.FAIL_TWICE);
        assertThat(consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_PROCESSED)).isEqualTo(1);
        assertNotDeadLettered(paid.orderId());
    }

    /** A CHECK constraint of the work's table refuses the event (23514): no retry could pass it. */
    @Test
    void aStatementTheDatabaseRefusesIsDeadLetteredOnceAndThePartitionMovesOn() {
        UUID refusedOrder = UUID.randomUUID();
        UUID refusedEvent = UUID.randomUUID();
        double deadBefore = deadLettered(EventTypes.ORDER_PAID);

        sendPaid(refusedOrder, refusedEvent, PaidOrdersConsumer.REFUSED_BY_DATABASE);
        applied(refusedOrder, "pi_after_refusal");

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            ConsumerRecord<String, String> dead = deadLetters.await(refusedOrder.toString(), 1, PATIENCE).get(0);
            assertThat(TopicReader.header(dead, DeadLetterHeaders.REASON)).hasValueSatisfying(reason -> assertThat(reason)
                    .startsWith("the database refused the event (SQLSTATE 23514)").contains("paid_orders_not_refused"));
            assertThat(TopicReader.header(dead, CloudEventHeaders.ID)).contains(refusedEvent.toString());
            assertThat(deadLetters.during(Duration.ofSeconds(1), refusedOrder.toString())).as("dead-lettered once").hasSize(1);
        }
        assertThat(consumer.attempts(refusedEvent)).hasSize(1);
        assertThat(processedEvents(refusedEvent)).isZero();
        assertThat(paymentIds(refusedOrder)).isEmpty();
        assertThat(deadLettered(EventTypes.ORDER_PAID)).isEqualTo(deadBefore + 1);
    }

    /** Another transaction holds the row longer than the consumer's lock timeout (55P03): the record waits for it. */
    @Test
    void aLockTimeoutIsRetriedUntilTheLockIsFree() throws SQLException {
        Paid paid = new Paid(UUID.randomUUID(), UUID.randomUUID());
        try (Connection holder = JdbcDatabase.ofDatasource().connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement insert = holder.prepareStatement("INSERT INTO paid_orders (order_id, tenant, payment_id) VALUES (?, ?, ?)")) {
                insert.setObject(1, paid.orderId());
                insert.setString(2, tenant);
                insert.setString(3, "pi_holder");
                insert.executeUpdate();
            }
            sendPaid(paid.orderId(), paid.eventId(), "pi_waited");
            await().atMost(PATIENCE).until(() -> consumer.attempts(paid.eventId()).size() >= 3);
            assertThat(processedEvents(paid.eventId())).isZero();
            holder.rollback();
        }

        await().atMost(PATIENCE).until(() -> processedEvents(paid.eventId()) == 1);
        assertThat(paymentIds(paid.orderId())).containsExactly("pi_waited");
        assertNotDeadLettered(paid.orderId());
    }

    /** The server ends the connection in the middle of the work (57P01, then a closed connection): it is tried again on another. */
    @Test
    void aConnectionKilledDuringTheWorkIsRetriedOnAnother() {
        Paid paid = new Paid(UUID.randomUUID(), UUID.randomUUID());
        JdbcDatabase database = JdbcDatabase.ofDatasource();

        sendPaid(paid.orderId(), paid.eventId(), PaidOrdersConsumer.SLOW_FIRST_TRY);
        await().atMost(PATIENCE).until(() -> database.count("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND state = 'active' AND query = 'SELECT pg_sleep(60)'""") == 1);

        await().atMost(PATIENCE).until(() -> processedEvents(paid.eventId()) == 1);
        assertThat(consumer.attempts(paid.eventId())).hasSize(2);
        assertThat(paymentIds(paid.orderId())).containsExactly(PaidOrdersConsumer.SLOW_FIRST_TRY);
        assertNotDeadLettered(paid.orderId());
    }

    /**
     * A database closed to connections refuses each one with an SQLSTATE of its own (55000),
     * which says nothing about the record: it waits until the database opens again.
     */
    @Test
    void aDatabaseClosedToConnectionsIsWaitedFor() throws InterruptedException {
        Paid paid = new Paid(UUID.randomUUID(), UUID.randomUUID());
        JdbcDatabase database = JdbcDatabase.ofDatasource();
        JdbcDatabase server = database.onDatabase("postgres");

        server.update("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
        try {
            server.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", database.name());
            sendPaid(paid.orderId(), paid.eventId(), "pi_after_outage");
            // Several back-off rounds against the closed database.
            Thread.sleep(3_000);
        } finally {
            server.update("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        }

        await().atMost(PATIENCE).until(() -> processedEvents(paid.eventId()) == 1);
        assertThat(paymentIds(paid.orderId())).containsExactly("pi_after_outage");
        assertNotDeadLettered(paid.orderId());
    }

    /**
     * A failure may reach the consumer on a client library's own thread; Mutiny would then
     * resubscribe the retry from a worker thread, outside the record's trace and MDC.
     */
    @Test
    void aFailureAfterTheCommitIsRetriedAloneBackOnTheRecordsContext() {
        Paid paid = sentPaidCommitted(PaidOrdersConsumer.FAIL_AFTER_COMMIT, 2);

        assertAllOnOneContextOfTheTenant(consumer.committed(paid.eventId()));
        // The committed work is not done again.
        assertThat(consumer.attempts(paid.eventId())).hasSize(1);
        assertThat(consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_PROCESSED)).isEqualTo(1);
        assertThat(consumed(EventTypes.ORDER_PAID, BusinessMetrics.OUTCOME_DUPLICATE)).isZero();
        assertThat(paymentIds(paid.orderId())).containsExactly(PaidOrdersConsumer.FAIL_AFTER_COMMIT);
    }

    private static void assertNotDeadLettered(UUID key) {
        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            assertThat(deadLetters.during(Duration.ofSeconds(1), key.toString())).as("a passing failure is not poison").isEmpty();
        }
    }

    /** Every try on the record's own Vert.x context, so its trace and its log lines' tenant go on. */
    private void assertAllOnOneContextOfTheTenant(List<PaidOrdersConsumer.Attempt> attempts) {
        assertThat(attempts.get(0).context()).isNotNull();
        assertThat(attempts).allSatisfy(attempt -> {
            assertThat(attempt.context()).isSameAs(attempts.get(0).context());
            assertThat(attempt.mdcTenant()).isEqualTo(tenant);
        });
    }

    /** The test application sets no channel key: what runs here is the kit's microprofile-config.properties. */
    @Test
    void theChannelRunsOnTheKitsDefaults() throws Exception {
        Map<String, String> defaults = Map.ofEntries(
                Map.entry("mp.messaging.incoming.order-events.connector", "smallrye-kafka"),
                Map.entry("mp.messaging.incoming.order-events.topic", Topics.ORDERS),
                Map.entry("mp.messaging.incoming.order-events.group.id", "kit-kafka-test"),
                Map.entry("mp.messaging.incoming.order-events.enable.auto.commit", "false"),
                Map.entry("mp.messaging.incoming.order-events.commit-strategy", "throttled"),
                Map.entry("mp.messaging.incoming.order-events.throttled.unprocessed-record-max-age.ms", "0"),
                Map.entry("mp.messaging.incoming.order-events.concurrency", "3"),
                Map.entry("mp.messaging.incoming.order-events.failure-strategy", "dead-letter-queue"),
                Map.entry("mp.messaging.incoming.order-events.dead-letter-queue.topic", Topics.ORDERS_DLQ),
                Map.entry("bookstore.consumer.retry.initial-backoff", "50ms"));
        defaults.forEach((name, value) -> {
            ConfigValue configured = ConfigProvider.getConfig().getConfigValue(name);
            assertThat(configured.getValue()).as(name).isEqualTo(value);
            assertThat(configured.getSourceName()).as(name).contains("META-INF/microprofile-config.properties");
            assertThat(configured.getSourceOrdinal()).as(name).isEqualTo(100);
        });
        assertThat(Logger.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);

        UUID orderId = UUID.randomUUID();
        RecordMetadata sent = sendPaid(orderId, UUID.randomUUID(), "pi_committed");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()))) {
            // One consumer per partition, in the group named after the application.
            ConsumerGroupDescription group = await().atMost(PATIENCE).until(
                    () -> admin.describeConsumerGroups(List.of("kit-kafka-test")).all().get().get("kit-kafka-test"),
                    description -> description.members().size() == 3);
            assertThat(group.members()).allSatisfy(member -> assertThat(member.assignment().topicPartitions()).hasSize(1));
            // The offset past the record is committed once its work committed.
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            await().atMost(PATIENCE).until(() -> {
                OffsetAndMetadata offset = admin.listConsumerGroupOffsets("kit-kafka-test").partitionsToOffsetAndMetadata().get().get(partition);
                return offset != null && offset.offset() > sent.offset();
            });
        }
        assertThat(paymentIds(orderId)).containsExactly("pi_committed");
    }

    /** Sends a good event of another order on this key, so after the records sent before; returns its id once applied. */
    private UUID applied(UUID key, String paymentId) {
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        send(key, OrderEventRecords.headers(EventTypes.ORDER_PAID, eventId, orderId, tenant), paid(orderId, paymentId));
        await().atMost(PATIENCE).until(() -> processedEvents(eventId) == 1);
        return eventId;
    }

    private record Paid(UUID orderId, UUID eventId) {
    }

    /**
     * Sends an order.paid of a new order whose payment id tells {@link PaidOrdersConsumer} how to
     * fail, and waits until the consumer has committed its work {@code commits} times.
     */
    private Paid sentPaidCommitted(String paymentId, int commits) {
        Paid paid = new Paid(UUID.randomUUID(), UUID.randomUUID());
        sendPaid(paid.orderId(), paid.eventId(), paymentId);
        await().atMost(PATIENCE).until(() -> consumer.committed(paid.eventId()).size() == commits);
        return paid;
    }

    /** An order.paid of the order, keyed by it, as outbox-publisher writes one. */
    private RecordMetadata sendPaid(UUID orderId, UUID eventId, String paymentId) {
        return send(orderId, OrderEventRecords.headers(EventTypes.ORDER_PAID, eventId, orderId, tenant), paid(orderId, paymentId));
    }

    private RecordMetadata send(UUID key, Map<String, String> headers, String payload) {
        return topic.send(Topics.ORDERS, key.toString(), payload, headers);
    }

    private String paid(UUID orderId, String paymentId) {
        try {
            return json.writeValueAsString(new OrderPaid(orderId, tenant, 2, paymentId, "USD", 4999,
                    List.of(new OrderLine("978-0-13-468599-1", 1, 4999)), Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private double consumed(String eventType, String outcome) {
        return consumed(eventType, outcome, tenant);
    }

    private double consumed(String eventType, String outcome, String tenantTag) {
        Counter counter = registry.find(BusinessMetrics.CONSUMER_EVENTS)
                .tags(BusinessMetrics.TAG_EVENT_TYPE, eventType, BusinessMetrics.TAG_OUTCOME, outcome, BusinessMetrics.TAG_TENANT, tenantTag)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered(String eventType) {
        Counter counter = registry.find(BusinessMetrics.CONSUMER_DEAD_LETTERS).tags(BusinessMetrics.TAG_EVENT_TYPE, eventType).counter();
        return counter == null ? 0 : counter.count();
    }

    private long processedEvents(UUID eventId) {
        return pool.preparedQuery("SELECT count(*) FROM processed_events WHERE event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> rows.iterator().next().getLong(0))
                .await().atMost(PATIENCE);
    }

    /** Makes the event's id look processed {@code age} ago (a PostgreSQL interval). */
    private void processedAgo(UUID eventId, String age) {
        pool.preparedQuery("UPDATE processed_events SET processed_at = now() - $2::text::interval WHERE event_id = $1")
                .execute(Tuple.of(eventId, age))
                .await().atMost(PATIENCE);
    }

    private List<String> paymentIds(UUID orderId) {
        return pool.preparedQuery("SELECT payment_id FROM paid_orders WHERE order_id = $1").execute(Tuple.of(orderId))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0)).toList())
                .await().atMost(PATIENCE);
    }
}
