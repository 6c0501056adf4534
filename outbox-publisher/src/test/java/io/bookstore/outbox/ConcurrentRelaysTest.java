package io.bookstore.outbox;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.outbox.domain.DrainReport;
import io.bookstore.outbox.events.OrderEventPublisher;
import io.bookstore.outbox.service.OutboxRelay;
import io.bookstore.outbox.support.ExtraReplica;
import io.bookstore.outbox.support.OrderTopic;
import io.bookstore.outbox.support.OrdersOutbox;
import io.bookstore.outbox.support.OrdersOutbox.Row;
import io.bookstore.testkit.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's relay and a second, independently configured one (own replica id,
 * own producer) drain the same outbox at the same time.
 */
@QuarkusTest
class ConcurrentRelaysTest {

    private static final int ORDERS = 50;
    private static final int VERSIONS = 40;

    @Inject
    ExtraReplica replica;

    @Test
    void twoRelaysPublishEveryEventOnceOrMoreInPerOrderVersionOrder() throws Exception {
        String tenant = OrdersOutbox.tenant("concurrent");
        List<UUID> orderIds = IntStream.range(0, ORDERS).mapToObj(i -> UUID.randomUUID()).toList();
        List<Row> rows = new ArrayList<>();
        for (long version = 1; version <= VERSIONS; version++) {
            for (UUID orderId : orderIds) {
                rows.add(OrdersOutbox.event(orderId, tenant, version));
            }
        }
        String secondId = "second-replica-" + UUID.randomUUID();
        int secondPublished;
        try (OrderTopic topic = OrderTopic.open();
             OrderEventPublisher secondPublisher = replica.publisher(secondId)) {
            OutboxRelay second = replica.relay(secondId, secondPublisher);
            CompletableFuture<Integer> secondRun = CompletableFuture.supplyAsync(() -> drainUntilEmpty(second, tenant));

            OrdersOutbox.insertAndNotify(rows);

            secondPublished = secondRun.get(3, TimeUnit.MINUTES);
            List<ConsumerRecord<String, String>> records = topic.await(OrderTopic.keyedBy(orderIds), rows.size(), Duration.ofMinutes(2));

            Set<String> published = records.stream()
                    .map(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow())
                    .collect(Collectors.toSet());
            assertThat(published).containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.eventId().toString()).toList());

            Map<String, List<Long>> versionsByOrder = records.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(OrderTopic::version, Collectors.toList())));
            List<Long> everyVersion = LongStream.rangeClosed(1, VERSIONS).boxed().toList();
            versionsByOrder.forEach((orderId, versions) -> {
                assertThat(versions).as("versions of order %s in topic order", orderId).isSorted();
                assertThat(Set.copyOf(versions)).as("versions of order %s", orderId).containsExactlyInAnyOrderElementsOf(everyVersion);
            });
        }
        assertThat(secondPublished).as("events the second relay published").isBetween(1, rows.size() - 1);
        assertThat(OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant)).isZero();
    }

    /** Runs rounds of the second relay until this test's rows are gone; returns how many it published. */
    private static int drainUntilEmpty(OutboxRelay relay, String tenant) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        int published = 0;
        // Wait for the rows: the relays must race for them, not find them already drained.
        while (OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant) == 0) {
            pause(Instant.now().isBefore(deadline));
        }
        while (OrdersOutbox.queryLong("SELECT count(*) FROM outbox WHERE tenant = ?", tenant) > 0) {
            DrainReport report = relay.drainOnce().await().atMost(Duration.ofSeconds(30));
            assertThat(report.retried()).as("rows the second relay failed to publish").isZero();
            published += report.published();
            if (report.claimed() == 0) {
                pause(Instant.now().isBefore(deadline));
            }
        }
        return published;
    }

    private static void pause(boolean beforeDeadline) {
        if (!beforeDeadline) {
            throw new AssertionError("the outbox was not drained in time");
        }
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
