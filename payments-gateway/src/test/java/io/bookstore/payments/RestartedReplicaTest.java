package io.bookstore.payments;

import io.bookstore.payments.service.PaymentLeases;
import io.bookstore.payments.support.Payments;
import io.bookstore.payments.support.PaymentsDb;
import io.bookstore.payments.support.Services;
import io.bookstore.payments.support.Services.Order;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process of this replica (the tests configure replica id {@code payments-gateway-test})
 * registered a payment and died before creating its intent: the payment's lease would keep it
 * from the settler for its length. The next process of the replica makes it due at start, and
 * the settler pays it; a payment another replica holds is left to that replica.
 */
@QuarkusTest
class RestartedReplicaTest {

    private static final Duration SETTLED = Duration.ofSeconds(30);

    @Inject
    PaymentLeases leases;

    @Test
    void aPaymentADeadProcessOfThisReplicaRegisteredIsPaidWithoutWaitingForItsLease() {
        Order leftByTheDeadProcess = Services.createOrder(Services.newTenant(), "pm_card_visa");
        Order heldByAnotherReplica = Services.createOrder(Services.newTenant(), "pm_card_visa");
        PaymentsDb.insertCreatingLeasedBy(leftByTheDeadProcess, leases.replicaId().orElseThrow() + "/a-process-that-died");
        PaymentsDb.insertCreatingLeasedBy(heldByAnotherReplica, "another-replica/its-process");

        // What the settler does at start, done again here: the rows above came after this process's start.
        assertThat(leases.takeBackFromPredecessors().await().atMost(Duration.ofSeconds(10))).isEqualTo(1);

        Payments.awaitStatus(leftByTheDeadProcess, "succeeded", SETTLED);
        Payments.awaitOrderStatus(leftByTheDeadProcess, "paid", SETTLED);
        assertThat(Services.creations(leftByTheDeadProcess)).as("one intent, under the order's key").hasSize(1);
        assertThat(PaymentsDb.payment(heldByAnotherReplica.id()).orElseThrow())
                .as("another replica's lease holds").containsEntry("status", "creating");
        assertThat(Services.creations(heldByAnotherReplica)).isEmpty();
    }
}
