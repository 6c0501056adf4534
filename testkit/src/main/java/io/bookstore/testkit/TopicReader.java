package io.bookstore.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * Reads a topic from its beginning, records with their headers, for assertions. It
 * assigns itself every partition (no consumer group, no rebalance to wait for).
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> read = new ArrayList<>();

    private TopicReader(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    public static TopicReader fromBeginning(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new TopicReader(consumer);
    }

    /** Polls until at least {@code atLeast} records were read in all; returns every record read so far. */
    public List<ConsumerRecord<String, String>> awaitRecords(int atLeast, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (read.size() < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected at least " + atLeast + " records within " + timeout
                        + ", read " + read.size());
            }
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(read);
    }

    /**
     * Polls until at least {@code atLeast} of the records read match {@code wanted} (the
     * topic is shared by every test of the JVM); returns the matching ones, in read order.
     */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<ConsumerRecord<String, String>> wanted,
            int atLeast, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> matching = read.stream().filter(wanted).toList();
            if (matching.size() >= atLeast) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected at least " + atLeast + " matching records within " + timeout
                        + ", found " + matching.size() + " among " + read.size());
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Polls for the whole {@code duration}; returns every record read so far (to show that nothing more comes). */
    public List<ConsumerRecord<String, String>> readFor(Duration duration) {
        Instant deadline = Instant.now().plus(duration);
        while (Instant.now().isBefore(deadline)) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(read);
    }

    private void poll(Duration timeout) {
        consumer.poll(timeout).forEach(read::add);
    }

    /** Every value of a header, in record order (a header may repeat on a Kafka record). */
    public static List<String> headers(ConsumerRecord<?, ?> record, String name) {
        return StreamSupport.stream(record.headers().headers(name).spliterator(), false)
                .map(Header::value)
                .map(value -> value == null ? null : new String(value, StandardCharsets.UTF_8))
                .toList();
    }

    /** The last value of a header. */
    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
