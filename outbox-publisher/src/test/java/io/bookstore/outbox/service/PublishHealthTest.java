package io.bookstore.outbox.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PublishHealthTest {

    @Test
    void cannotPublishOnceSendsFailedLongEnoughAndCanAgainAtTheNextAck() {
        PublishHealth health = new PublishHealth(Duration.ZERO, Duration.ofHours(1));
        assertThat(health.status().canPublish()).as("before any send").isTrue();

        health.failed("org.apache.kafka.common.errors.TimeoutException: Topic bookstore.orders.v1 not present in metadata");
        assertThat(health.status().canPublish()).isFalse();
        assertThat(health.status().lastError()).contains("not present in metadata");

        health.published();
        assertThat(health.status().canPublish()).isTrue();
        assertThat(health.status().lastError()).isNull();
    }

    @Test
    void aShortRunOfFailuresDoesNotFlipIt() {
        PublishHealth health = new PublishHealth(Duration.ofHours(1), Duration.ofHours(2));

        health.failed("org.apache.kafka.common.errors.NotLeaderOrFollowerException: election");

        assertThat(health.status().canPublish()).isTrue();
        assertThat(health.status().lastError()).contains("election");
    }

    @Test
    void aFailureStopsCountingWhenNothingWasSentSince() throws InterruptedException {
        PublishHealth health = new PublishHealth(Duration.ZERO, Duration.ofMillis(100));

        health.failed("java.lang.IllegalStateException: Cannot perform operation after producer has been closed");
        Thread.sleep(200);

        assertThat(health.status().canPublish()).isTrue();
    }
}
