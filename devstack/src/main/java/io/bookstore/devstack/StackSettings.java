package io.bookstore.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How {@code up} runs the stack.
 *
 * @param home        the checkout: where the services' jars are
 * @param directory   where logs, Kafka's data and the spans go
 * @param services    the services to start (the others are run by the developer, e.g. in dev mode)
 * @param fresh       drop the databases and Kafka's data first
 * @param demo        run one checkout once everything is ready
 * @param telemetry   export traces (off: the OpenTelemetry SDK is disabled in every service)
 * @param monitoring  start Prometheus and Alertmanager with observability/ when they are installed
 * @param oneAtATime  start each service only when the one before is ready, to time each alone
 * @param cpuTiers    start each process at its {@link CpuTier}'s priority (off: all at the same)
 * @param jit         the compilers of the services' JVMs
 * @param extraEnv    added to every service's environment, after the stack's own settings
 */
record StackSettings(
        Path home,
        StackDirectory directory,
        List<Service> services,
        boolean fresh,
        boolean demo,
        boolean telemetry,
        boolean monitoring,
        boolean oneAtATime,
        boolean cpuTiers,
        Jit jit,
        Map<String, String> extraEnv,
        Duration readyTimeout) {
}
