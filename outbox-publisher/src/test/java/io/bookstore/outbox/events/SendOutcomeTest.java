package io.bookstore.outbox.events;

import io.bookstore.contracts.OutboxRow;
import io.bookstore.outbox.domain.InvalidEventException;
import io.bookstore.outbox.domain.OutboxEvent;
import io.opentelemetry.api.trace.SpanContext;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
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
    void exhaustedRowIsPoisonAndSaysWhatFailedLast() {
        SendOutcome outcome = SendOutcome.exhausted(event("org.apache.kafka.common.errors.TimeoutException: no ack"), 10);

        assertThat(outcome.status()).isEqualTo(SendOutcome.Status.POISON);
        assertThat(outcome.error()).contains("10 attempts").contains("TimeoutException: no ack");
    }

    private static SendOutcome.Status statusAfter(Throwable error) {
        return SendOutcome.failed(event(null), SpanContext.getInvalid(), error).status();
    }

    private static OutboxEvent event(String lastError) {
        OutboxRow row = new OutboxRow(UUID.randomUUID(), UUID.randomUUID(), 1, "order.created", "acme", "{}", Map.of(), Instant.now());
        return new OutboxEvent(1, row, true, 11, lastError, Duration.ZERO, System.nanoTime());
    }
}
