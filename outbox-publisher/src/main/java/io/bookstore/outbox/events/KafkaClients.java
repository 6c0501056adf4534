package io.bookstore.outbox.events;

import io.bookstore.outbox.config.OutboxConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Kafka clients built from the {@code kafka.*} configuration (bootstrap servers, TLS,
 * SASL, ...), with the settings the relay's guarantees rest on forced on top.
 */
@ApplicationScoped
public class KafkaClients {

    private final Map<String, Object> kafkaConfig;
    private final OutboxConfig.Kafka settings;

    public KafkaClients(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, OutboxConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.settings = config.kafka();
    }

    /** A producer of its own for one relay; the caller closes it. */
    public Producer<String, byte[]> newProducer(String clientId) {
        return new KafkaProducer<>(producerConfig(clientId), new StringSerializer(), new ByteArraySerializer());
    }

    Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        // A tracing interceptor would add a second traceparent; the publisher injects the only one.
        props.remove(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // No duplicates from producer retries and no reordering within a partition.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        int linger = Math.toIntExact(settings.linger().toMillis());
        int delivery = Math.toIntExact(settings.sendTimeout().toMillis());
        props.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, delivery - linger));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.metadataTimeout().toMillis());
        return props;
    }

    @Produces
    @Singleton
    KafkaProbe kafkaProbe() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "outbox-publisher-probe");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(settings.metadataTimeout().toMillis()));
        return new KafkaProbe(Admin.create(props), settings.metadataTimeout());
    }

    void closeProbe(@Disposes KafkaProbe probe) {
        probe.close();
    }
}
