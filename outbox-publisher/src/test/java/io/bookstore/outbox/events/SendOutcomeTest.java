package io.bookstore.outbox.events;

import io.bookstore.contracts.OutboxRow;
import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SendOutcomeTest {

    @Test
    void rowsAtFaultArePoison() {
        assertThat(statusAfter(new RecordTooLargeException("too big"))).isEqualTo(SendOutcome.Status.POISON);
        assertThat(statusAfter(new SerializationException("bad bytes"))).isEqualTo(SendOutcome.Status.POISON);
        assertThat(statusAfter(new InvalidEventException("payload is not a JSON object"))).isEqualTo(SendOutcome.Status.POISON);
    }

    @Test
    void clusterTroubleIsRetriedEvenWhenKafkaCallsItFatal() {
        assertThat(statusAfter(new TimeoutException("no ack"))).isEqualTo(SendOutcome.Status.RETRY);
        assertThat(statusAfter(new NotEnoughReplicasException("isr"))).isEqualTo(SendOutcome.Status.RETRY);
        assertThat(statusAfter(new TopicAuthorizationException(Set.of("bookstore.orders.v1")))).isEqualTo(SendOutcome.Status.RETRY);
    }

    @Test
    void passingFailuresAreRetriedHoweverOftenTheRowWasClaimed() {
        OutboxEvent claimedOften = event("org.apache.kafka.common.errors.TimeoutException: no ack", 1_000);

        assertThat(SendOutcome.failed(claimedOften, SpanContext.getInvalid(), new UnknownTopicOrPartitionException("gone")).status())
                .isEqualTo(SendOutcome.Status.RETRY);
        assertThat(SendOutcome.failed(claimedOften, SpanContext.getInvalid(), new IllegalStateException("producer closed")).status())
                .isEqualTo(SendOutcome.Status.RETRY);
        assertThat(statusAfter(new InvalidTopicException("bookstore.orders.v1"))).isEqualTo(SendOutcome.Status.RETRY);
    }

    @Test
    void aProducerIsReplacedAfterWhatKafkaDoesNotCallRetriable() {
        assertThat(SendOutcome.breaksProducer(new IllegalStateException("Cannot perform operation after producer has been closed")))
                .isTrue();
        assertThat(SendOutcome.breaksProducer(new ProducerFencedException("fenced"))).isTrue();
        assertThat(SendOutcome.breaksProducer(new ClusterAuthorizationException("no IDEMPOTENT_WRITE"))).isTrue();
        assertThat(SendOutcome.breaksProducer(new OutOfOrderSequenceException("gap"))).isTrue();
        assertThat(SendOutcome.breaksProducer(new KafkaException("Producer is closed forcefully."))).isTrue();

        assertThat(SendOutcome.breaksProducer(new TimeoutException("no ack"))).isFalse();
        assertThat(SendOutcome.breaksProducer(new NotEnoughReplicasException("isr"))).isFalse();
        assertThat(SendOutcome.breaksProducer(new NotLeaderOrFollowerException("election"))).isFalse();
        assertThat(SendOutcome.breaksProducer(new RecordTooLargeException("too big"))).isFalse();
        assertThat(SendOutcome.breaksProducer(new InvalidEventException("payload is not a JSON object"))).isFalse();
    }

    private static SendOutcome.Status statusAfter(Throwable error) {
        return SendOutcome.failed(event(null, 1), SpanContext.getInvalid(), error).status();
    }

    private static OutboxEvent event(String lastError, int attempts) {
        OutboxRow row = new OutboxRow(UUID.randomUUID(), UUID.randomUUID(), 1, "order.created", "acme", "{}", Map.of(), Instant.now());
        return new OutboxEvent(1, row, true, attempts, lastError, Duration.ZERO, System.nanoTime());
    }
}
