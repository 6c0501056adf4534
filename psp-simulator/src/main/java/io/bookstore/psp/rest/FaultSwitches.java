package io.bookstore.psp.rest;

import io.bookstore.psp.domain.Faults;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The fault defaults as {@code /sim/faults} shows them: the knobs of {@link Faults#SWITCHES}, in their units. */
@RegisterForReflection
public record FaultSwitches(long latencyMs,
                            double errorRate,
                            long webhookDelayMs,
                            int webhookDuplicates,
                            double webhookOutOfOrderRate,
                            double webhookDropRate) {

    static FaultSwitches of(Faults faults) {
        return new FaultSwitches(faults.latency().toMillis(), faults.errorRate(), faults.webhookDelay().toMillis(),
                faults.webhookDuplicates(), faults.webhookOutOfOrderRate(), faults.webhookDropRate());
    }
}
