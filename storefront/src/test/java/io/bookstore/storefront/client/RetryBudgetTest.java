package io.bookstore.storefront.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong();
    private final RetryBudget budget = new RetryBudget(0.2, 10, Duration.ofSeconds(10), now::get);

    @Test
    void aDownstreamThatFailsEveryCallGetsAFifthMoreAttemptsNotThreeTimesAsMany() {
        long attempts = 0;
        for (int call = 0; call < 1000; call++) {
            budget.called();
            attempts++;
            // Every attempt fails; a fixed policy would retry each call twice.
            for (int retry = 0; retry < 2 && budget.allowsRetry(); retry++) {
                budget.retried();
                attempts++;
            }
        }
        assertThat(attempts).isBetween(1000L + 200, 1000L + 200 + 10);
    }

    @Test
    void aQuietDownstreamStillRetriesItsRareFailures() {
        budget.called();
        assertThat(budget.allowsRetry()).isTrue();
        budget.retried();
        assertThat(budget.allowsRetry()).isTrue();
    }

    @Test
    void retriesOfAnEarlierWindowAgeOut() {
        budget.called();
        int retries = 0;
        while (budget.allowsRetry() && retries < 100) {
            budget.retried();
            retries++;
        }
        assertThat(retries).as("the minimum, and a fifth of the one call").isEqualTo(11);

        now.addAndGet(Duration.ofSeconds(10).toNanos());

        assertThat(budget.allowsRetry()).isTrue();
    }
}
