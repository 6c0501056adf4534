package io.bookstore.devstack;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ./bookstore up --jit}: which compilers the services' JVMs use. */
class JitOptionTest {

    @Test
    void c1StopsTheJvmAtC1AndTieredLeavesItsDefault() {
        assertThat(Jit.named("c1").restartOptions()).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(Jit.named("tiered").stackStartOptions()).isEmpty();
        assertThat(Jit.named("tiered").restartOptions()).isEmpty();
    }

    @Test
    void c1CompilesSoonerWhenTheStackStartsButNotInARestart() {
        assertThat(Jit.C1.stackStartOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.02");
        assertThat(Jit.C1.restartOptions()).doesNotContain("-XX:CompileThresholdScaling=0.02");
    }

    @Test
    void withoutTheOptionTheServicesCompileWithC1Alone() {
        assertThat(Jit.option(Optional.empty())).isEqualTo(Jit.C1);
        assertThat(Jit.option(Optional.of("tiered"))).isEqualTo(Jit.TIERED);
    }

    @Test
    void anotherNameIsAUsageErrorNamingBoth() {
        assertThatThrownBy(() -> Jit.named("c2"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--jit is c1 or tiered, not 'c2'");
    }
}
