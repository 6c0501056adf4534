package io.bookstore.recommendations.support;

import io.bookstore.contracts.Topics;
import io.bookstore.testkit.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads {@link Topics#ORDERS_DLQ} from the beginning. The topic is shared by every test of
 * the JVM, so each test looks only at the records under its own keys.
 */
public final class DeadLetters implements AutoCloseable {

    private final TopicReader reader;

    private DeadLetters(TopicReader reader) {
        this.reader = reader;
    }

    public static DeadLetters open() {
        return new DeadLetters(TopicReader.fromBeginning(OrderRecord.bootstrapServers(), Topics.ORDERS_DLQ));
    }

    /** Polls until a dead letter with this key arrived; returns every one read under it. */
    public List<ConsumerRecord<String, String>> await(String key, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, String>> found = during(Duration.ofMillis(200), key);
            if (!found.isEmpty()) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no dead letter with key " + key + " within " + timeout);
            }
        }
    }

    /** Keeps reading for {@code duration}; returns every dead letter read so far under this key. */
    public List<ConsumerRecord<String, String>> during(Duration duration, String key) {
        return reader.readFor(duration).stream().filter(record -> key.equals(record.key())).toList();
    }

    @Override
    public void close() {
        reader.close();
    }
}
