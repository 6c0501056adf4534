package io.bookstore.testkit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void keepsRecordsAndHeadersAcrossAStopAndStart() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        assertThat(KafkaBroker.shared().bootstrapServers()).isEqualTo(broker.bootstrapServers());
        broker.createTopic("testkit.roundtrip", 2);

        send(broker, "before");
        broker.stop();
        assertThat(broker.isRunning()).isFalse();
        broker.start();
        send(broker, "after");

        try (TopicReader reader = TopicReader.fromBeginning(broker.bootstrapServers(), "testkit.roundtrip")) {
            var records = reader.awaitRecords(2, Duration.ofSeconds(30));
            assertThat(records).extracting(r -> r.value()).containsExactlyInAnyOrder("before", "after");
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key()).isEqualTo("order-1");
                assertThat(TopicReader.headers(r, "ce_id")).hasSize(1);
                assertThat(TopicReader.header(r, "ce_id")).contains("id-" + r.value());
            });
            assertThat(reader.readFor(Duration.ofMillis(500))).hasSize(2);
            assertThat(reader.awaitRecords(r -> r.value().equals("after"), 1, Duration.ofSeconds(5)))
                    .extracting(r -> TopicReader.header(r, "ce_id").orElseThrow()).containsExactly("id-after");
        }
    }

    private static void send(KafkaBroker broker, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>("testkit.roundtrip", "order-1", value);
            record.headers().add("ce_id", ("id-" + value).getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }
}
