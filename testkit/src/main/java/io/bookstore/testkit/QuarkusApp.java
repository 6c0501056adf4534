package io.bookstore.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running in a
 * child JVM on a free port, as it runs in production: for tests that need two services,
 * several replicas, or a process to kill.
 */
public final class QuarkusApp implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** The JDK AOT cache the aot-jar packaging records beside {@code quarkus-run.jar}. */
    private static final String AOT_CACHE = "app.aot";
    /** JEP 483; the child JVM is this one's ({@link ChildProcesses#javaExecutable()}). */
    private static final int FIRST_JDK_WITH_AOT_CACHE = 24;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private QuarkusApp(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The packaged jar of a sibling module, {@code ../<module>/target/quarkus-app/quarkus-run.jar}, as the build leaves it. */
    public static Path packagedJar(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /**
     * Starts the jar with {@code env} added to this JVM's environment,
     * {@code QUARKUS_HTTP_PORT} set to a free port and the repository's development secrets
     * allowed (unless {@code env} says otherwise); returns once {@code /q/health/ready}
     * answers 200. Its output goes to {@code target/<name>.log}.
     */
    public static QuarkusApp start(String name, Path quarkusRunJar, Map<String, String> env) {
        QuarkusApp app = launch(name, quarkusRunJar, FreePorts.next(), Path.of("target", name + ".log"), env);
        app.awaitReady(READY_TIMEOUT);
        return app;
    }

    /**
     * Starts the jar on {@code port} with its output appended to {@code log} and returns at
     * once; {@link #awaitReady(Duration)} waits for it. For starting several side by side.
     */
    public static QuarkusApp launch(String name, Path quarkusRunJar, int port, Path log, Map<String, String> env) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(quarkusRunJar.toAbsolutePath() + " does not exist: package the service first");
        }
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // A development stack (tests, the devstack) runs the prod profile on the repository's
        // development secrets, and says so; a test of the refusal sets it to false.
        environment.putIfAbsent("BOOKSTORE_SECRETS_ALLOW_DEVELOPMENT_DEFAULTS", "true");
        Process process = ChildProcesses.start(command(quarkusRunJar), log, environment);
        return new QuarkusApp(name, process, port, log);
    }

    /**
     * {@code java -Xmx256m -jar <jar>}, with {@code -XX:AOTCache=<dir>/app.aot} when the build
     * left the JDK's AOT cache beside the jar (the root pom's aot-cache profile): the JVM then
     * starts from the classes loaded and linked at package time, a fifth to a quarter less CPU
     * to readiness. A cache the running JDK cannot use (another JDK build, a changed jar) is skipped
     * with a warning in the log and the service starts as without it; a JDK before 24, which
     * would refuse the option and not start, is not given it.
     */
    static List<String> command(Path quarkusRunJar) {
        return command(quarkusRunJar, Runtime.version().feature());
    }

    static List<String> command(Path quarkusRunJar, int javaFeatureVersion) {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable().toString(), "-Xmx256m"));
        Path aotCache = quarkusRunJar.resolveSibling(AOT_CACHE);
        if (javaFeatureVersion >= FIRST_JDK_WITH_AOT_CACHE && Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-jar", quarkusRunJar.toString()));
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Completes with the exit code when the process ends, however it ended (for a supervisor that restarts it). */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Moves every thread of the running service to the scheduling priority {@code niceness}
     * (nice(1)'s scale; raising it needs no privilege); {@code false} where the system has no
     * {@code /proc} to find the threads in, and the service keeps the priority it has.
     */
    public boolean renice(int niceness) {
        return ChildProcesses.renice(process.toHandle(), niceness);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, as when a pod or a machine dies. */
    public void kill() {
        ChildProcesses.kill(process.toHandle());
    }

    @Override
    public void close() {
        ChildProcesses.destroy(process.toHandle(), Duration.ofSeconds(15));
    }

    /**
     * Returns once {@code /q/health/ready} answers 200; throws, with the end of the log, when
     * the process exits first or {@code timeout} passes (and then stops it).
     */
    public void awaitReady(Duration timeout) {
        HttpReadiness.Outcome outcome = HttpReadiness.await(URI.create(baseUrl() + "/q/health/ready"), process, timeout);
        if (outcome == HttpReadiness.Outcome.READY) {
            return;
        }
        if (outcome == HttpReadiness.Outcome.EXITED) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                    + ChildProcesses.tail(log, 60));
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n"
                + ChildProcesses.tail(log, 60));
    }
}
