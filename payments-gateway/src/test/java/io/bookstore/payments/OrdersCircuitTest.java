package io.bookstore.payments;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.payments.client.OrderRejectedException;
import io.bookstore.payments.client.OrdersClient;
import io.bookstore.payments.client.OrdersUnavailableException;
import io.bookstore.payments.client.StatusChange;
import io.bookstore.payments.support.Services;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The circuit to orders opens when orders is down, not when it is slow: a cold or busy orders
 * that answers after the client's timeout still does the work, and an open circuit would fail
 * the reports it could take.
 */
@QuarkusTest
class OrdersCircuitTest {

    private static final StatusChange PAID = new StatusChange(OrderStatus.PAID, "pi_circuit_test");

    @RestClient
    OrdersClient orders;

    @AfterEach
    void ordersUp() {
        Services.ordersDown(false);
        Services.ordersSlow(Duration.ZERO);
    }

    @Test
    void reportsThatTimedOutAtASlowOrdersLeaveTheCircuitClosed() {
        // Longer than the client's timeout (2 s); orders answers every one of them in the end.
        Services.ordersSlow(Duration.ofMillis(2500));

        List<Throwable> failures = reportConcurrently(12);

        assertThat(failures).as("each report timed out").allMatch(TimeoutException.class::isInstance);
        Services.ordersSlow(Duration.ZERO);
        UUID next = UUID.randomUUID();
        assertThat(report(next)).as("orders' own answer (no such order), not an open circuit").isInstanceOf(OrderRejectedException.class);
        assertThat(Services.ordersRequests("PATCH /orders/" + next)).isEqualTo(1);
    }

    @Test
    void ordersDownOpensTheCircuitAndOneSuccessClosesIt() throws InterruptedException {
        Services.ordersDown(true);
        reportConcurrently(10);
        UUID refused = UUID.randomUUID();

        Throwable open = report(refused);

        assertThat(open).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(Services.ordersRequests("PATCH /orders/" + refused)).as("not sent: the circuit is open").isZero();
        Services.ordersDown(false);
        Thread.sleep(5_100); // the circuit's delay, then it lets a trial call through
        UUID trial = UUID.randomUUID();
        assertThat(report(trial)).isInstanceOf(OrderRejectedException.class);
        // Closed, not half-open: one failure now is counted, not a reason to open again at once
        // (half-open, it would reopen the circuit and the retries would meet it open).
        Services.ordersDown(true);
        UUID after = UUID.randomUUID();
        assertThat(report(after)).isInstanceOf(OrdersUnavailableException.class);
        assertThat(Services.ordersRequests("PATCH /orders/" + after)).as("sent, and retried").isEqualTo(3);
    }

    /** Reports an outcome for that order and waits for the answer; the failure, if any. */
    private Throwable report(UUID orderId) {
        return catchThrowable(() -> orders.changeStatus(orderId, PAID).await().atMost(Duration.ofSeconds(10)));
    }

    /** Sends that many reports at once for orders that do not exist; each one's failure. */
    private List<Throwable> reportConcurrently(int count) {
        List<Uni<Throwable>> reports = IntStream.range(0, count)
                .mapToObj(i -> orders.changeStatus(UUID.randomUUID(), PAID)
                        .onItem().transform(ignored -> (Throwable) null)
                        .onFailure().recoverWithItem(failure -> failure))
                .toList();
        return Uni.join().all(reports).andFailFast().await().atMost(Duration.ofSeconds(30));
    }
}
