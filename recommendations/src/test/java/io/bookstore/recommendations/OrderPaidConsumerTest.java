package io.bookstore.recommendations;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.DeadLetterHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.Topics;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestDatabase.Sold;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.DeadLetters;
import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.KafkaResource;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.bookstore.recommendations.support.TestDatabase.pair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** order.paid events from the real topic to committed counts, once each, whatever else the topic holds. */
@QuarkusTest
class OrderPaidConsumerTest {

    private static final Duration DEAD_LETTERED = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aPaidOrderCountsItsBooksAndEveryPairOfThemOnce() {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();
        String c = Isbns.next();

        // The same book twice, hyphenated and as digits: one book with three copies.
        OrderRecord paid = OrderRecord.paid(tenant, line(a, 1), line(b, 2), line(Isbn.digits(b), 1), line(c, 1)).send();
        TestDatabase.awaitProcessed(paid.eventId());

        assertThat(TestDatabase.popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Isbn.digits(a), new Sold(1, 1),
                Isbn.digits(b), new Sold(3, 1),
                Isbn.digits(c), new Sold(1, 1)));
        assertThat(TestDatabase.coPurchases(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                pair(a, b), 1L, pair(b, a), 1L,
                pair(a, c), 1L, pair(c, a), 1L,
                pair(b, c), 1L, pair(c, b), 1L));
    }

    @Test
    void aSecondPaidOrderAddsToTheCounts() {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();

        OrderRecord first = OrderRecord.paid(tenant, line(a, 1), line(b, 1));
        OrderRecord second = OrderRecord.paid(tenant, line(a, 4), line(b, 1));
        OrderRecord.sendAll(first, second);
        TestDatabase.awaitProcessed(List.of(first.eventId(), second.eventId()));

        assertThat(TestDatabase.popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Isbn.digits(a), new Sold(5, 2),
                Isbn.digits(b), new Sold(2, 2)));
        assertThat(TestDatabase.coPurchases(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(pair(a, b), 2L, pair(b, a), 2L));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() throws Exception {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();
        String later = Isbns.next();
        OrderRecord paid = OrderRecord.paid(tenant, line(a, 1), line(b, 1));
        // Same key, so the same partition: once it is counted, both copies before it were handled.
        OrderRecord next = OrderRecord.paid(tenant, line(later, 1)).withKey(paid.key());

        OrderRecord.sendAll(paid, paid, next);
        TestDatabase.awaitProcessed(next.eventId());

        assertThat(TestDatabase.popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Isbn.digits(a), new Sold(1, 1),
                Isbn.digits(b), new Sold(1, 1),
                Isbn.digits(later), new Sold(1, 1)));
        assertThat(TestDatabase.coPurchases(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(pair(a, b), 1L, pair(b, a), 1L));
        try (Connection conn = TestDatabase.connect();
             PreparedStatement query = conn.prepareStatement("SELECT count(*), min(event_type) FROM processed_events WHERE event_id = ?")) {
            query.setObject(1, paid.eventId());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(1);
                assertThat(rows.getString(2)).isEqualTo(EventTypes.ORDER_PAID);
            }
        }
    }

    static Stream<Arguments> poisonRecords() {
        return Stream.of(
                Arguments.of("a payload that is not JSON", (UnaryOperator<OrderRecord>) r -> r.withValue("{\"order_id\": "),
                        "the payload is not a valid order.paid event"),
                Arguments.of("a payload of another shape", (UnaryOperator<OrderRecord>) r -> r.withValue("[\"order.paid\"]"),
                        "the payload is not a valid order.paid event"),
                Arguments.of("an empty payload", (UnaryOperator<OrderRecord>) r -> r.withValue(""),
                        "the record has no payload"),
                Arguments.of("no ce_id", (UnaryOperator<OrderRecord>) r -> r.withHeader(CloudEventHeaders.ID, null),
                        "the record has no ce_id header"),
                Arguments.of("a ce_id that is not a UUID", (UnaryOperator<OrderRecord>) r -> r.withHeader(CloudEventHeaders.ID, "evt-42"),
                        "ce_id 'evt-42' is not a UUID"),
                Arguments.of("no ce_type", (UnaryOperator<OrderRecord>) r -> r.withHeader(CloudEventHeaders.TYPE, null),
                        "the record has no ce_type header"),
                Arguments.of("a malformed ce_tenant", (UnaryOperator<OrderRecord>) r -> r.withHeader(CloudEventHeaders.TENANT, "Not A Tenant"),
                        "ce_tenant 'Not A Tenant' does not match"),
                Arguments.of("a ce_tenant other than the payload's", (UnaryOperator<OrderRecord>) r -> r.withHeader(CloudEventHeaders.TENANT, "globex"),
                        "differs from ce_tenant 'globex'"),
                Arguments.of("a line without a valid ISBN", (UnaryOperator<OrderRecord>) r -> r.withValue(r.value().replaceFirst("\"isbn\":\"[0-9-]+\"", "\"isbn\":\"978-0-13-468599-2\"")),
                        "lines[0].isbn is not an ISBN-13"),
                Arguments.of("a fractional quantity", (UnaryOperator<OrderRecord>) r -> r.withValue(r.value().replaceFirst("\"qty\":5", "\"qty\":1.5")),
                        "the payload is not a valid order.paid event"),
                Arguments.of("a quantity of zero", (UnaryOperator<OrderRecord>) r -> r.withValue(r.value().replaceFirst("\"qty\":5", "\"qty\":0")),
                        "lines[0].qty must be at least 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poisonRecords")
    void aPoisonRecordIsDeadLetteredAndTheNextRecordOfItsPartitionStillCounts(String what, UnaryOperator<OrderRecord> breakIt,
                                                                              String reason) {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();
        OrderRecord poison = breakIt.apply(OrderRecord.paid(tenant, line(a, 5), line(b, 5)));
        OrderRecord good = OrderRecord.paid(tenant, line(a, 1), line(b, 1)).withKey(poison.key());

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            OrderRecord.sendAll(poison, good);
            TestDatabase.awaitProcessed(good.eventId());

            List<ConsumerRecord<String, String>> dead = deadLetters.await(poison.key(), 1, DEAD_LETTERED);
            assertThat(dead).hasSize(1);
            ConsumerRecord<String, String> letter = dead.get(0);
            assertThat(letter.key()).isEqualTo(poison.key());
            assertThat(letter.value()).isEqualTo(poison.value());
            assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON)).hasValueSatisfying(text -> assertThat(text).contains(reason));
            assertThat(TopicReader.header(letter, DeadLetterHeaders.TOPIC)).contains(Topics.ORDERS);
            // The original headers travel along, so the letter can be inspected and replayed.
            poison.headers().forEach((name, value) -> assertThat(TopicReader.header(letter, name)).as(name).contains(value));
        }
        // Only the good record counted.
        assertThat(TestDatabase.popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(
                Isbn.digits(a), new Sold(1, 1),
                Isbn.digits(b), new Sold(1, 1)));
    }

    @Test
    void eventTypesOtherThanOrderPaidChangeNothing() {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();
        String later = Isbns.next();
        OrderRecord created = OrderRecord.created(tenant, line(a, 1), line(b, 1));
        OrderRecord failed = OrderRecord.paymentFailed(tenant).withKey(created.key());
        OrderRecord unknown = OrderRecord.created(tenant, line(a, 1)).withHeader(CloudEventHeaders.TYPE, "order.shipped").withKey(created.key());
        OrderRecord next = OrderRecord.paid(tenant, line(later, 1)).withKey(created.key());

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers())) {
            OrderRecord.sendAll(created, failed, unknown, next);
            TestDatabase.awaitProcessed(next.eventId());

            assertThat(TestDatabase.popularity(tenant)).containsExactlyEntriesOf(Map.of(Isbn.digits(later), new Sold(1, 1)));
            assertThat(TestDatabase.coPurchases(tenant)).isEmpty();
            assertThat(TestDatabase.processed(created.eventId())).isFalse();
            assertThat(TestDatabase.processed(failed.eventId())).isFalse();
            assertThat(deadLetters.during(Duration.ofSeconds(1), created.key())).isEmpty();
        }
    }

    /** The lock timeout is each pooled connection's own (a start-up parameter), not a statement in every transaction. */
    @Test
    void everyPooledConnectionHasTheLockTimeout() {
        String lockTimeout = pool.query("SHOW lock_timeout").execute()
                .await().atMost(Duration.ofSeconds(10))
                .iterator().next().getString(0);

        assertThat(lockTimeout).isEqualTo("2s");
    }

    /**
     * The table stays locked past the consumer's lock timeout, so its transaction fails for a
     * passing reason: the record must wait and count once, not go to the dead-letter topic.
     */
    @Test
    void aRecordWaitsForTheDatabaseInsteadOfBeingDeadLettered() throws Exception {
        String tenant = TestTenants.fresh("acme");
        String a = Isbns.next();
        String b = Isbns.next();
        OrderRecord paid = OrderRecord.paid(tenant, line(a, 2), line(b, 1));

        try (DeadLetters deadLetters = DeadLetters.open(KafkaResource.bootstrapServers()); Connection lock = TestDatabase.connect()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE popularity IN ACCESS EXCLUSIVE MODE");
            }
            paid.send();
            await().atMost(TestDatabase.CONSUMED).until(OrderPaidConsumerTest::someoneWaitsForPopularity);
            // Longer than the lock timeout (2 s in %test): the consumer's transaction has
            // failed at least once by now.
            Thread.sleep(3_000);
            assertThat(TestDatabase.processed(paid.eventId())).isFalse();
            lock.commit();

            TestDatabase.awaitProcessed(paid.eventId());
            assertThat(deadLetters.during(Duration.ofSeconds(1), paid.key())).isEmpty();
        }
        TestDatabase.assertOneOrderOfTwoBooks(tenant, a, 2, b, 1);
    }

    private static boolean someoneWaitsForPopularity() throws Exception {
        try (Connection conn = TestDatabase.connect(); Statement query = conn.createStatement();
             ResultSet rows = query.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'popularity'::regclass")) {
            return rows.next() && rows.getInt(1) > 0;
        }
    }
}
