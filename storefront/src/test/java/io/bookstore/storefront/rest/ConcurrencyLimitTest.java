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

    /** One checkout alone, taking {@code latency}: what the limit learns a usual checkout takes. */
    private void runAlone(ConcurrencyLimit limit, Duration latency) {
        ConcurrencyLimit.Permit permit = limit.tryAcquire().orElseThrow();
        advance(latency);
        permit.release();
    }

    @Test
    void aSlowCheckoutShrinksTheLimitOncePerThresholdPeriod() {
        ConcurrencyLimit limit = limit(8, 1, 10);
        runAlone(limit, Duration.ofMillis(20));
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 6);
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
    void checkoutsSlowWhileFewRunLeaveTheLimitAloneAndRaiseTheSlowMark() {
        // A cold storefront: one second per checkout whether one runs or seven.
        ConcurrencyLimit limit = limit(16, 1, 200);
        for (int i = 0; i < 20; i++) {
            runAlone(limit, Duration.ofSeconds(1));
        }
        for (int round = 0; round < 5; round++) {
            List<ConcurrencyLimit.Permit> permits = acquire(limit, 10);
            advance(Duration.ofMillis(1_200));
            permits.forEach(ConcurrencyLimit.Permit::release);
        }
        assertThat(limit.limit()).isGreaterThanOrEqualTo(16);

        // Twice as slow as usual with the limit in use: that is congestion.
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 10);
        advance(Duration.ofSeconds(3));
        permits.get(0).release();
        assertThat(limit.limit()).isLessThan(16);
    }

    @Test
    void theFirstCheckoutAfterStartSetsTheUsualLatencyEvenWhenItWaited() {
        ConcurrencyLimit limit = limit(4, 1, 10);
        List<ConcurrencyLimit.Permit> permits = acquire(limit, 4);
        advance(Duration.ofSeconds(2));

        permits.forEach(ConcurrencyLimit.Permit::release);

        assertThat(limit.limit()).isEqualTo(4);
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
