package io.bookstore.psp.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBackoffTest {

    @Test
    void theWaitDoublesAfterEachFailureUpToTheCap() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(60);
        assertThat(WebhookSender.backoff(initial, max, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookSender.backoff(initial, max, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookSender.backoff(initial, max, 6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(WebhookSender.backoff(initial, max, 7)).isEqualTo(max);
        // No overflow however many attempts an operator allows.
        assertThat(WebhookSender.backoff(initial, max, 100)).isEqualTo(max);
    }
}
