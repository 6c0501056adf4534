package io.bookstore.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.contracts.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every record of the order topic, read from the beginning by a plain consumer (no group, so
 * nothing of the platform's is touched) for the whole chaos run: a topic deleted and made again
 * loses what it held, so the checker needs what was on it before. Survives a broker that is
 * down (the client reconnects) and a recreated topic (its partitions are assigned again and
 * read from the start). One thread.
 */
final class TopicRecorder implements AutoCloseable {

    /** One record: the order, its event id and type, and the order version of its payload. */
    record Event(String orderId, String eventId, String type, long version, int partition, long offset, long epochMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String topic;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    /** partition:offset:event id of what was kept: a new consumer after a failure reads the partitions again. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastPollMillis;

    TopicRecorder(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.thread = new Thread(this::loop, "chaos-topic-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until a poll started after this call has returned nothing new, or the timeout passed. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            long asked = System.currentTimeMillis();
            while (lastPollMillis < asked && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(1_000);
            if (events.size() == seen) {
                return;
            }
            seen = events.size();
        }
    }

    private void loop() {
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                List<TopicPartition> assigned = List.of();
                while (running) {
                    List<TopicPartition> partitions = partitions(consumer);
                    if (!partitions.equals(assigned)) {
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        assigned = partitions;
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (seen.add(record.partition() + ":" + record.offset() + ":" + header(record, CloudEventHeaders.ID))) {
                            events.add(event(record));
                        }
                    }
                    lastPollMillis = System.currentTimeMillis();
                }
            } catch (RuntimeException brokerGoneOrTopicRecreated) {
                // A new consumer reads the partitions again from their start; what was kept already is skipped.
                pause();
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
    }

    private Event event(ConsumerRecord<String, byte[]> record) {
        long version = -1;
        try {
            version = JSON.readTree(record.value()).path("version").asLong(-1);
        } catch (Exception notJson) {
            // Counted as a version out of order by the checker.
        }
        return new Event(record.key(), header(record, CloudEventHeaders.ID), header(record, CloudEventHeaders.TYPE), version,
                record.partition(), record.offset(), record.timestamp());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
