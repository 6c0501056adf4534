package io.bookstore.storefront.service;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.storefront.client.DownstreamUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownstreamPatienceTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger firstWaits = new AtomicInteger();

    @Test
    void aCallThatFailsFastIsMadeAgainUntilItSucceeds() {
        DownstreamPatience patience = new DownstreamPatience(Duration.ofSeconds(5), INTERVAL, 10, registry);
        AtomicInteger calls = new AtomicInteger();
        DownstreamPatience.Patience checkout = patience.begin(firstWaits::incrementAndGet);

        String answer = checkout.waitFor(() -> calls.incrementAndGet() < 3
                ? Uni.createFrom().<String>failure(new DownstreamUnavailableException("orders", "cannot be reached"))
                : Uni.createFrom().item("order")).await().atMost(Duration.ofSeconds(5));

        assertThat(answer).isEqualTo("order");
        assertThat(calls).hasValue(3);
        assertThat(firstWaits).as("the admission place went back once").hasValue(1);
        assertThat(patience.waiting()).isEqualTo(1);
        checkout.end();
        assertThat(patience.waiting()).isZero();
    }

    @Test
    void aTimedOutCallIsNotWaitedFor() {
        DownstreamPatience patience = new DownstreamPatience(Duration.ofSeconds(5), INTERVAL, 10, registry);
        AtomicInteger calls = new AtomicInteger();
        DownstreamUnavailableException slow = DownstreamUnavailableException.timedOut("catalog", null);

        assertThatThrownBy(() -> patience.begin(firstWaits::incrementAndGet)
                .waitFor(() -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().failure(slow);
                }).await().atMost(Duration.ofSeconds(5))).isSameAs(slow);
        assertThat(calls).hasValue(1);
        assertThat(firstWaits).hasValue(0);
    }

    @Test
    void theLastFailureStandsOnceThePatienceRunsOut() {
        DownstreamPatience patience = new DownstreamPatience(Duration.ofMillis(300), INTERVAL, 10, registry);
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();

        assertThatThrownBy(() -> patience.begin(firstWaits::incrementAndGet)
                .waitFor(() -> Uni.createFrom().failure(new DownstreamUnavailableException("orders", "answered HTTP " + (500 + calls.incrementAndGet()))))
                .await().atMost(Duration.ofSeconds(5)))
                .hasMessage("orders answered HTTP " + (500 + calls.get()));
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
        assertThat(calls.get()).as("asked every 10-30 ms").isGreaterThan(5);
    }

    @Test
    void noPatienceRefusesAtOnce() {
        DownstreamPatience patience = new DownstreamPatience(Duration.ZERO, INTERVAL, 10, registry);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> patience.begin(firstWaits::incrementAndGet)
                .waitFor(() -> {
                    calls.incrementAndGet();
                    return Uni.createFrom().failure(new DownstreamUnavailableException("orders", "cannot be reached"));
                }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(DownstreamUnavailableException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void beyondTheWaitingPlacesACheckoutFailsAtOnceAndAnEndedOneGivesItsPlaceBack() {
        DownstreamPatience patience = new DownstreamPatience(Duration.ofSeconds(30), INTERVAL, 1, registry);
        DownstreamUnavailableException down = new DownstreamUnavailableException("catalog", "cannot be reached");
        CompletableFuture<Void> back = new CompletableFuture<>();
        AtomicInteger firstCalls = new AtomicInteger();

        DownstreamPatience.Patience first = patience.begin(firstWaits::incrementAndGet);
        CompletableFuture<String> waiting = first.waitFor(() -> firstCalls.incrementAndGet() == 1 || !back.isDone()
                ? Uni.createFrom().<String>failure(down)
                : Uni.createFrom().item("reserved")).subscribeAsCompletionStage();
        assertThat(patience.waiting()).isEqualTo(1);
        assertThat(registry.get(BusinessMetrics.CHECKOUTS_WAITING).gauge().value()).isEqualTo(1.0);

        DownstreamPatience.Patience second = patience.begin(firstWaits::incrementAndGet);
        assertThatThrownBy(() -> second.waitFor(() -> Uni.createFrom().failure(down)).await().atMost(Duration.ofSeconds(1)))
                .isSameAs(down);
        second.end();
        assertThat(patience.waiting()).as("the refused one held no place").isEqualTo(1);

        back.complete(null);
        assertThat(waiting.join()).isEqualTo("reserved");
        first.end();
        first.end();
        assertThat(patience.waiting()).isZero();
        assertThat(firstWaits).hasValue(1);
    }
}
