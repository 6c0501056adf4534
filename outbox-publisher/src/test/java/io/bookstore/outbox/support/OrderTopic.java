package io.bookstore.outbox.support;

import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.Topics;
import io.bookstore.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads {@link Topics#ORDERS} from the beginning. The topic is shared by every test of
 * the JVM, so each test looks only at the records of its own orders.
 */
public final class OrderTopic implements AutoCloseable {

    private final TopicReader reader;

    private OrderTopic(TopicReader reader) {
        this.reader = reader;
    }

    public static OrderTopic open() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return new OrderTopic(TopicReader.fromBeginning(bootstrap, Topics.ORDERS));
    }

    public static Predicate<ConsumerRecord<String, String>> keyedBy(Collection<UUID> orderIds) {
        Set<String> keys = orderIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return record -> keys.contains(record.key());
    }

    /** Polls until at least {@code atLeast} matching records were read; returns all matching records read. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int atLeast,
                                                      Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> matching = during(Duration.ofMillis(200), filter);
            if (matching.size() >= atLeast) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected at least " + atLeast + " records within " + timeout
                        + ", read " + matching.size());
            }
        }
    }

    /**
     * Waits until every one of {@code rows} was read (by {@code ce_id}, duplicates allowed) and
     * checks that each order's records are in version order; returns the records read.
     */
    public List<ConsumerRecord<String, String>> awaitInVersionOrder(List<OrdersOutbox.Row> rows, Duration timeout) {
        Set<UUID> orders = rows.stream().map(OrdersOutbox.Row::orderId).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> records = await(keyedBy(orders), rows.size(), timeout);
        assertThat(records.stream().map(r -> TopicReader.header(r, CloudEventHeaders.ID).orElseThrow()).distinct())
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.eventId().toString()).toList());
        Map<String, List<Long>> versionsByOrder = records.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(OrderTopic::version, Collectors.toList())));
        versionsByOrder.forEach((order, versions) -> assertThat(versions).as("versions of order %s", order).isSorted());
        return records;
    }

    /** The {@code version} field of a record's payload. */
    public static long version(ConsumerRecord<String, String> record) {
        try {
            return OrdersOutbox.JSON.readTree(record.value()).get("version").asLong();
        } catch (Exception e) {
            throw new AssertionError("unreadable payload " + record.value(), e);
        }
    }

    /** Keeps reading for {@code duration}; returns every matching record read so far. */
    public List<ConsumerRecord<String, String>> during(Duration duration, Predicate<ConsumerRecord<String, String>> filter) {
        return reader.readFor(duration).stream().filter(filter).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
