package io.bookstore.devstack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which of HotSpot's compilers the services' JVMs use ({@code up --jit}). On two cores the
 * choice is between a fast first minute and a faster tenth one (docs/benchmarks.md#jit):
 * seven JVMs that compile with C2 as well spend half their CPU of the first minutes compiling,
 * on the cores the checkouts need, and run C1's profiling code until C2's arrives; C1 alone
 * compiles cheaply and at once, and its code stays slower than C2's for good. The Kafka broker
 * and Keycloak keep the JVM's default.
 */
enum Jit {

    /** The JVM's default: C1 with profiling, then C2 for the hot code. The best code after minutes of load. */
    TIERED(List.of(), List.of()),
    /**
     * C1 alone, without profiling ({@code -XX:TieredStopAtLevel=1}): at speed within the first minute, and after each
     * restart. When the stack starts, every JVM cold and the machine otherwise idle, a method is compiled after a
     * fiftieth of the calls it would wait for otherwise ({@code -XX:CompileThresholdScaling=0.02}, about 4): a C1
     * compile is cheap, and a fresh stack accepts 1.5 times the checkouts of its first 20 s. A restart keeps the
     * usual thresholds: a JVM starting among busy ones would compile all of its start-up at once, on the cores the
     * checkouts need, and be ready later (docs/benchmarks.md#jit).
     */
    C1(List.of("-XX:TieredStopAtLevel=1"), List.of("-XX:CompileThresholdScaling=0.02"));

    private final List<String> restartOptions;
    private final List<String> stackStartOptions;

    /** {@code atStackStart}: what a start with the whole stack adds to the options of a restart. */
    Jit(List<String> options, List<String> atStackStart) {
        this.restartOptions = options;
        this.stackStartOptions = Stream.concat(options.stream(), atStackStart.stream()).toList();
    }

    /** The options a service's JVM is started with when the stack starts. */
    List<String> stackStartOptions() {
        return stackStartOptions;
    }

    /** The options the supervisor restarts a service's JVM with, into a running stack. */
    List<String> restartOptions() {
        return restartOptions;
    }

    /** {@code c1} or {@code tiered}, as the command line names it. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code --jit} option's value; C1 alone when it is not given (docs/benchmarks.md#jit says why). */
    static Jit option(Optional<String> key) {
        return key.map(Jit::named).orElse(C1);
    }

    static Jit named(String key) {
        for (Jit jit : values()) {
            if (jit.key().equals(key)) {
                return jit;
            }
        }
        throw new UsageException("--jit is c1 or tiered, not '" + key + "'");
    }
}
