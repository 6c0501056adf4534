package io.bookstore.loadgen;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads every partition of a topic from its end, without a consumer group (nothing is
 * committed and no rebalance can pause it), on a thread of its own. Each record is handed
 * over with the {@link System#nanoTime()} at which its poll returned.
 */
final class TopicListener implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void onRecord(ConsumerRecord<byte[], byte[]> record, long receivedAt);
    }

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Handler handler;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicListener(KafkaConsumer<byte[], byte[]> consumer, Handler handler) {
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::pollLoop, "loadgen-kafka-listener");
        this.thread.setDaemon(true);
    }

    /**
     * Assigned to all partitions and positioned at their current ends before this returns,
     * so that every record produced afterwards is seen.
     *
     * @throws TargetUnreachableException when the cluster does not answer or the topic does not exist
     */
    static TopicListener start(String bootstrapServers, String topic, Handler handler) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "loadgen-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Hand every record over at once: the receive time is the measurement.
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new TargetUnreachableException("Kafka topic " + topic, bootstrapServers,
                        new IllegalStateException("the topic does not exist"));
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToEnd(assigned);
            // seekToEnd is lazy: resolving the positions now fixes "the end" before the first request.
            assigned.forEach(partition -> consumer.position(partition, METADATA_TIMEOUT));
        } catch (KafkaException e) {
            consumer.close(Duration.ZERO);
            throw new TargetUnreachableException("Kafka", bootstrapServers, e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        TopicListener listener = new TopicListener(consumer, handler);
        listener.thread.start();
        return listener;
    }

    static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The failure that stopped the listener, if any: results after it are incomplete. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void pollLoop() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                long receivedAt = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handler.onRecord(record, receivedAt);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll up.
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
