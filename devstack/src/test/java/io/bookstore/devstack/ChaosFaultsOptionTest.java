package io.bookstore.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./bookstore chaos --faults}: which faults a run does, in which order. */
class ChaosFaultsOptionTest {

    @Test
    void allIsEveryKindAndKillsIsEachServicesKill() {
        assertThat(Main.faults("all")).containsExactly(FaultInjector.Kind.values());
        assertThat(Main.faults("kills")).containsExactly(FaultInjector.Kind.KILL_OUTBOX_PUBLISHER, FaultInjector.Kind.KILL_PAYMENTS_GATEWAY,
                FaultInjector.Kind.KILL_ORDERS, FaultInjector.Kind.KILL_CATALOG, FaultInjector.Kind.KILL_STOREFRONT,
                FaultInjector.Kind.KILL_RECOMMENDATIONS);
    }

    @Test
    void aListIsTakenInItsOwnOrder() {
        assertThat(Main.faults("kill_catalog, postgres_restarted,kill_orders")).isEqualTo(List.of(FaultInjector.Kind.KILL_CATALOG,
                FaultInjector.Kind.POSTGRES_RESTARTED, FaultInjector.Kind.KILL_ORDERS));
    }

    @Test
    void anUnknownKindIsAUsageErrorNamingTheKinds() {
        assertThatThrownBy(() -> Main.faults("kill_orders,kill_kafka"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no fault kind 'kill_kafka'")
                .hasMessageContaining("kafka_killed");
    }
}
