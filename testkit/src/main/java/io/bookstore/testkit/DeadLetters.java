package io.bookstore.testkit;

import io.bookstore.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;

/**
 * Reads {@link Topics#ORDERS_DLQ} from its beginning. The topic is shared by every test of
 * the JVM, so a test looks only at the records under its own keys (order ids).
 */
public final class DeadLetters implements AutoCloseable {

    private final TopicReader reader;

    private DeadLetters(TopicReader reader) {
        this.reader = reader;
    }

    public static DeadLetters open(String bootstrapServers) {
        return new DeadLetters(TopicReader.fromBeginning(bootstrapServers, Topics.ORDERS_DLQ));
    }

    /** Polls until at least {@code atLeast} dead letters with this key arrived; returns them in topic order. */
    public List<ConsumerRecord<String, String>> await(String key, int atLeast, Duration timeout) {
        return reader.awaitRecords(record -> key.equals(record.key()), atLeast, timeout);
    }

    /** Keeps reading for {@code duration}; returns every dead letter read so far under this key (to show none came). */
    public List<ConsumerRecord<String, String>> during(Duration duration, String key) {
        return reader.readFor(duration).stream().filter(record -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
