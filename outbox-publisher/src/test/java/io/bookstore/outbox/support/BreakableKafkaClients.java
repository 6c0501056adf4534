package io.bookstore.outbox.support;

import io.bookstore.outbox.config.OutboxConfig;
import io.bookstore.outbox.events.KafkaClients;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The application's Kafka clients, keeping hold of every real producer they make so that a
 * test can close it under the relay, as a fatal producer error leaves it: every later send
 * fails. Enabled by {@link BreakableProducersProfile} only.
 */
@Alternative
@Singleton
public class BreakableKafkaClients extends KafkaClients {

    private final List<Producer<String, byte[]>> made = new CopyOnWriteArrayList<>();
    private volatile boolean breaking;

    public BreakableKafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxConfig config) {
        super(kafkaConfig, config);
    }

    @Override
    public Producer<String, byte[]> newProducer(String clientId) {
        Producer<String, byte[]> producer = super.newProducer(clientId);
        made.add(producer);
        if (breaking) {
            producer.close(Duration.ZERO);
        }
        return producer;
    }

    /** Closes every producer made so far, and from now on each new one as soon as it is made. */
    public void breakProducers() {
        breaking = true;
        made.forEach(producer -> producer.close(Duration.ZERO));
    }

    /** New producers work again. */
    public void mend() {
        breaking = false;
    }

    /** How many producers were made, the relay's first one included. */
    public int made() {
        return made.size();
    }
}
