package io.bookstore.orders.domain;

import io.bookstore.contracts.OrderStatus;
import io.bookstore.contracts.events.OrderLine;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStateMachineTest {

    @Test
    void aPendingOrderMayBePaidOrFail() {
        assertThat(OrderStateMachine.decide(order(OrderStatus.PENDING_PAYMENT, null), change(OrderStatus.PAID, "pi_1")))
                .isEqualTo(OrderStateMachine.Decision.APPLY);
        assertThat(OrderStateMachine.decide(order(OrderStatus.PENDING_PAYMENT, null), change(OrderStatus.PAYMENT_FAILED, "pi_1")))
                .isEqualTo(OrderStateMachine.Decision.APPLY);
        assertThat(OrderStateMachine.decide(order(OrderStatus.PENDING_PAYMENT, null), change(OrderStatus.PAYMENT_FAILED, null)))
                .isEqualTo(OrderStateMachine.Decision.APPLY);
    }

    @Test
    void theSameOutcomeAgainIsAlreadyApplied() {
        assertThat(OrderStateMachine.decide(order(OrderStatus.PAID, "pi_1"), change(OrderStatus.PAID, "pi_1")))
                .isEqualTo(OrderStateMachine.Decision.ALREADY_APPLIED);
        assertThat(OrderStateMachine.decide(order(OrderStatus.PAYMENT_FAILED, null), change(OrderStatus.PAYMENT_FAILED, null)))
                .isEqualTo(OrderStateMachine.Decision.ALREADY_APPLIED);
    }

    @Test
    void finalStatusesDoNotChange() {
        assertThatThrownBy(() -> OrderStateMachine.decide(order(OrderStatus.PAID, "pi_1"), change(OrderStatus.PAYMENT_FAILED, "pi_1")))
                .isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("paid").hasMessageContaining("payment_failed");
        assertThatThrownBy(() -> OrderStateMachine.decide(order(OrderStatus.PAYMENT_FAILED, "pi_1"), change(OrderStatus.PAID, "pi_1")))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void anotherPaymentForAPaidOrderIsRefused() {
        assertThatThrownBy(() -> OrderStateMachine.decide(order(OrderStatus.PAID, "pi_1"), change(OrderStatus.PAID, "pi_2")))
                .isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("pi_1").hasMessageContaining("pi_2");
        assertThatThrownBy(() -> OrderStateMachine.decide(order(OrderStatus.PAYMENT_FAILED, null),
                change(OrderStatus.PAYMENT_FAILED, "pi_2")))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void noOrderReturnsToPendingPayment() {
        assertThatThrownBy(() -> OrderStateMachine.decide(order(OrderStatus.PAID, "pi_1"), change(OrderStatus.PENDING_PAYMENT, null)))
                .isInstanceOf(InvalidTransitionException.class);
    }

    @Test
    void onlyAPendingOrderCanMoveToAFinalStatus() {
        assertThat(OrderStateMachine.sourcesOf(OrderStatus.PAID)).containsExactly(OrderStatus.PENDING_PAYMENT);
        assertThat(OrderStateMachine.sourcesOf(OrderStatus.PAYMENT_FAILED)).containsExactly(OrderStatus.PENDING_PAYMENT);
        assertThat(OrderStateMachine.sourcesOf(OrderStatus.PENDING_PAYMENT)).isEmpty();
    }

    private static Order order(OrderStatus status, String paymentId) {
        Instant now = Instant.now();
        return new Order(UUID.randomUUID(), "acme", status, "USD", 4999, "pm_card_visa", paymentId, 1,
                List.of(new OrderLine("9780134685991", 1, 4999)), now, now, null);
    }

    private static StatusChange change(OrderStatus target, String paymentId) {
        return new StatusChange(target, paymentId);
    }
}
