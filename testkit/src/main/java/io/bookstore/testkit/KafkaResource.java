package io.bookstore.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/**
 * Points a Quarkus test at the shared {@link KafkaBroker}, with the order topic and its
 * dead-letter topic created as the platform expects them.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final int ORDER_TOPIC_PARTITIONS = 3;

    private static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

    @Override
    public Map<String, String> start() {
        KafkaBroker broker = KafkaBroker.shared();
        broker.start();
        broker.withOrderTopics();
        return Map.of(BOOTSTRAP_SERVERS, broker.bootstrapServers());
    }

    /** The broker the running test application was given. */
    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue(BOOTSTRAP_SERVERS, String.class);
    }

    @Override
    public void stop() {
        // The broker outlives one application start: it serves the whole test JVM.
    }
}
