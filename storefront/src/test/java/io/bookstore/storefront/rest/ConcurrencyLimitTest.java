package io.bookstore.storefront.rest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConcurrencyLimitTest {

    private static final Duration THRESHOLD = Duration.ofMillis(250);

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private ConcurrencyLimit limit(int initial, int min, int max) {
        return new ConcurrencyLimit(initial, min, max, 0.5, THRESHOLD, clock::get);
    }

    private List<ConcurrencyLimit.Permit> acquire(ConcurrencyLimit limit, int n) {
        List<ConcurrencyLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            permits.add(limit.tryAcquire().orElseThrow());
        }
        return permits;
    }

    private void advance(Duration duration) {
        clock.addAndGet(duration.toNanos());
    }

    @Test
    void refusesBeyondTheLimitUntilAPlaceIsGivenBack() {
        ConcurrencyLimit limit = limit(3, 1, 10);
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 3);

        assertThat(limit.tryAcquire()).isEmpty();
        assertThat(limit.inFlight()).isEqualTo(3);

        permits.get(0).release();
        assertThat(limit.tryAcquire()).isPresent();
    }

    @Test
    void aPermitReleasedTwiceGivesBackOnePlace() {
        ConcurrencyLimit limit = limit(2, 1, 10);
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 2);

        permits.get(0).release();
        permits.get(0).release();

        assertThat(limit.inFlight()).isEqualTo(1);
        assertThat(limit.tryAcquire()).isPresent();
        assertThat(limit.tryAcquire()).isEmpty();
    }

    @Test
    void aSlowCheckoutShrinksTheLimitOncePerThresholdPeriod() {
        ConcurrencyLimit limit = limit(8, 1, 10);
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 3);
        advance(Duration.ofMillis(300));

        permits.get(0).release();
        assertThat(limit.limit()).isEqualTo(4);
        // The same congested moment: not counted again.
        permits.get(1).release();
        assertThat(limit.limit()).isEqualTo(4);

        advance(THRESHOLD);
        permits.get(2).release();
        assertThat(limit.limit()).isEqualTo(2);
    }

    @Test
    void neverShrinksBelowTheMinimum() {
        ConcurrencyLimit limit = limit(2, 2, 10);
        ConcurrencyLimit.Permit permit = limit.tryAcquire().orElseThrow();
        advance(Duration.ofSeconds(1));

        permit.release();

        assertThat(limit.limit()).isEqualTo(2);
    }

    @Test
    void fastCheckoutsGrowTheLimitByOnePerLimitsWorthWhileItIsUsed() {
        ConcurrencyLimit limit = limit(4, 1, 10);
        for (int round = 0; round < 2; round++) {
            List<ConcurrencyLimit.Permit> permits = acquire(limit, 4);
            advance(Duration.ofMillis(10));
            permits.forEach(ConcurrencyLimit.Permit::release);
        }
        // The last of each round finds less than half of the limit used: six grew it, each by about 1/4.
        assertThat(limit.limit()).isEqualTo(5);
    }

    @Test
    void fastCheckoutsOfAnIdleStorefrontLeaveTheLimitAlone() {
        ConcurrencyLimit limit = limit(8, 1, 10);
        for (int i = 0; i < 50; i++) {
            ConcurrencyLimit.Permit permit = limit.tryAcquire().orElseThrow();
            advance(Duration.ofMillis(10));
            permit.release();
        }

        assertThat(limit.limit()).isEqualTo(8);
    }

    @Test
    void neverGrowsBeyondTheMaximum() {
        ConcurrencyLimit limit = limit(2, 1, 3);
        for (int i = 0; i < 100; i++) {
            acquire(limit, 2).forEach(ConcurrencyLimit.Permit::release);
        }

        assertThat(limit.limit()).isEqualTo(3);
        acquire(limit, 3);
        assertThat(limit.tryAcquire()).isEmpty();
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThatThrownBy(() -> limit(1, 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limit(4, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConcurrencyLimit(2, 1, 3, 1.0, THRESHOLD, clock::get))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
