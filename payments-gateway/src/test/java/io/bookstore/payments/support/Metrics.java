package io.bookstore.payments.support;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** The application's counters and timer counts, read from its registry (summed over the tags not named). */
public final class Metrics {

    private Metrics() {
    }

    public static double count(String name, String... tags) {
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum()
                + registry.find(name).tags(tags).timers().stream().mapToDouble(Timer::count).sum();
    }

    public static void awaitCount(String name, double expected, String... tags) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(name, tags) >= expected);
    }
}
