package io.bookstore.loadgen;

import io.bookstore.testkit.KeycloakServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosLoadTest {

    /**
     * The first ten requests are answered 503, the rest 202: at 20/s for 0.5 s every checkout's first
     * send (0-450 ms) comes before the first retry (at least 750 ms, the 1 s pause less its jitter).
     */
    private static LocalStorefront refusingTheFirstTen() throws Exception {
        return new LocalStorefront(4, n -> n < 10
                ? LocalStorefront.Answer.problem(503, "urn:bookstore:problem:unavailable")
                : LocalStorefront.Answer.accepted(0));
    }

    private static ChaosLoad.Result load(LocalStorefront storefront, Duration retryFor) throws InterruptedException {
        return new ChaosLoad(new ChaosLoad.Settings(storefront.url(), KeycloakServer.shared().issuer(), 20, Duration.ofMillis(500), 2,
                0.2, Duration.ofSeconds(5), retryFor, 7)).run(() -> { });
    }

    @Test
    void aCheckoutAnswered5xxIsSentAgainWithTheSameKeyAndCountsByItsLastAnswer() throws Exception {
        try (LocalStorefront storefront = refusingTheFirstTen()) {
            ChaosLoad.Result result = load(storefront, Duration.ofSeconds(30));

            assertThat(result.checkouts()).hasSize(10).allSatisfy(checkout -> {
                assertThat(checkout.answer()).isEqualTo(ChaosLoad.Answer.ACCEPTED);
                assertThat(checkout.firstAnswer()).isEqualTo(ChaosLoad.Answer.REFUSED_5XX);
                assertThat(checkout.attempts()).isEqualTo(2);
                assertThat(checkout.orderId()).isPresent();
            });
            Map<String, Long> sendsPerKey = storefront.received().stream()
                    .collect(Collectors.groupingBy(LocalStorefront.Received::idempotencyKey, Collectors.counting()));
            assertThat(sendsPerKey).hasSize(10).allSatisfy((key, sends) -> assertThat(sends).isEqualTo(2));
            assertThat(storefront.received().stream().collect(Collectors.groupingBy(LocalStorefront.Received::idempotencyKey,
                    Collectors.mapping(LocalStorefront.Received::body, Collectors.toSet()))))
                    .allSatisfy((key, bodies) -> assertThat(bodies).hasSize(1));
        }
    }

    @Test
    void withoutPatienceA5xxIsTheCheckoutsAnswer() throws Exception {
        try (LocalStorefront storefront = refusingTheFirstTen()) {
            ChaosLoad.Result result = load(storefront, Duration.ZERO);

            assertThat(result.checkouts()).hasSize(10).extracting(ChaosLoad.Checkout::answer)
                    .containsOnly(ChaosLoad.Answer.REFUSED_5XX);
            assertThat(result.checkouts()).extracting(ChaosLoad.Checkout::attempts).containsOnly(1);
            assertThat(storefront.received()).hasSize(10);
        }
    }
}
