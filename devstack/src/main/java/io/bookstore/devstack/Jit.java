package io.bookstore.devstack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
    TIERED(List.of()),
    /** C1 alone, without profiling ({@code -XX:TieredStopAtLevel=1}): at speed within the first minute, and after each restart. */
    C1(List.of("-XX:TieredStopAtLevel=1"));

    private final List<String> jvmOptions;

    Jit(List<String> jvmOptions) {
        this.jvmOptions = jvmOptions;
    }

    /** The options a service's JVM is started with. */
    List<String> jvmOptions() {
        return jvmOptions;
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
