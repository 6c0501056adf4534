package io.bookstore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** The one {@link #launchForAotTraining} records from a real run, preferred while it is newer than the jar. */
    static final String TRAINED_AOT_CACHE = "app-trained.aot";
    /** JEP 483; the child JVM is this one's ({@link ChildProcesses#javaExecutable()}). */
    private static final int FIRST_JDK_WITH_AOT_CACHE = 24;
    /** JEP 514, {@code -XX:AOTCacheOutput}: a cache recorded by the run that trains it. */
    private static final int FIRST_JDK_TO_TRAIN_IN_ONE_RUN = 25;

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    /** Where a training run writes its AOT cache ({@link #launchForAotTraining}); empty for any other run. */
    private final Optional<Path> aotRecording;

    private QuarkusApp(String name, Process process, int port, Path log, Optional<Path> aotRecording) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.aotRecording = aotRecording;
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
     *
     * @throws ShutdownInProgressException when this JVM is shutting down (nothing is left running)
     */
    public static QuarkusApp launch(String name, Path quarkusRunJar, int port, Path log, Map<String, String> env) {
        return launch(name, quarkusRunJar, port, log, env, List.of());
    }

    /** As {@link #launch(String, Path, int, Path, Map)}, with {@code jvmOptions} (such as the JIT's) before {@code -jar}. */
    public static QuarkusApp launch(String name, Path quarkusRunJar, int port, Path log, Map<String, String> env,
                                    List<String> jvmOptions) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(quarkusRunJar.toAbsolutePath() + " does not exist: package the service first");
        }
        Process process = ChildProcesses.start(command(quarkusRunJar, Runtime.version().feature(), jvmOptions), log,
                serviceEnvironment(env, port));
        return new QuarkusApp(name, process, port, log, Optional.empty());
    }

    private static Map<String, String> serviceEnvironment(Map<String, String> env, int port) {
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // A development stack (tests, the devstack) runs the prod profile on the repository's
        // development secrets, and says so; a test of the refusal sets it to false.
        environment.putIfAbsent("BOOKSTORE_SECRETS_ALLOW_DEVELOPMENT_DEFAULTS", "true");
        return environment;
    }

    /**
     * {@code java -Xmx256m -jar <jar>}, with the JDK's AOT cache beside the jar when there is
     * one: {@code app-trained.aot} ({@link #launchForAotTraining}) while it is newer than the jar, else
     * the {@code app.aot} of the root pom's aot-cache profile, recorded at package time. The JVM
     * then starts from classes already loaded and linked, a fifth to a third less CPU to
     * readiness. A cache the running JDK cannot use (another JDK build, a changed jar) is skipped
     * with a warning in the log and the service starts as without it; a JDK before 24, which
     * would refuse the option and not start, is not given it.
     */
    static List<String> command(Path quarkusRunJar) {
        return command(quarkusRunJar, Runtime.version().feature());
    }

    static List<String> command(Path quarkusRunJar, int javaFeatureVersion) {
        return command(quarkusRunJar, javaFeatureVersion, List.of());
    }

    static List<String> command(Path quarkusRunJar, int javaFeatureVersion, List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable().toString(), "-Xmx256m"));
        if (javaFeatureVersion >= FIRST_JDK_WITH_AOT_CACHE) {
            aotCache(quarkusRunJar).ifPresent(cache -> command.add("-XX:AOTCache=" + cache));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", quarkusRunJar.toString()));
        return command;
    }

    private static Optional<Path> aotCache(Path quarkusRunJar) {
        if (hasTrainedAotCache(quarkusRunJar)) {
            return Optional.of(quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE));
        }
        Path recordedAtPackageTime = quarkusRunJar.resolveSibling(AOT_CACHE);
        return Files.isRegularFile(recordedAtPackageTime) ? Optional.of(recordedAtPackageTime) : Optional.empty();
    }

    /** Whether the jar has a trained cache beside it that is newer than the jar (a rebuilt jar needs a new one). */
    public static boolean hasTrainedAotCache(Path quarkusRunJar) {
        Path trained = quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE);
        try {
            return Files.isRegularFile(trained)
                    && Files.getLastModifiedTime(trained).compareTo(Files.getLastModifiedTime(quarkusRunJar)) > 0;
        } catch (IOException gone) {
            return false;
        }
    }

    /** Whether this JDK can train a cache in one run ({@code -XX:AOTCacheOutput}, JDK 25 and later). */
    public static boolean canTrainAotCache() {
        return Runtime.version().feature() >= FIRST_JDK_TO_TRAIN_IN_ONE_RUN;
    }

    /**
     * Starts the jar as {@link #launch} does, on {@code port}, but recording the JDK AOT cache
     * that {@link #command} prefers ({@code -XX:AOTCacheOutput}, JEP 514) instead of using one:
     * drive it with the work it should be quick at, then {@link #keepTrainedAotCache} stops it and
     * keeps the cache. The package-time {@code app.aot} holds only what the static
     * initialisation loads; a cache trained on a real run also holds what the start and the
     * requests load, and the method profiles of the code they ran hot (JEP 515), so that the
     * JIT compiles that code at once instead of after minutes of profiling (docs/benchmarks.md).
     * The cache is written under a temporary name, which {@link #close} removes when the cache
     * was not kept (a training that failed leaves nothing beside the jar).
     */
    public static QuarkusApp launchForAotTraining(String name, Path quarkusRunJar, int port, Path log, Map<String, String> env) {
        if (!canTrainAotCache()) {
            throw new IllegalStateException("JDK " + Runtime.version().feature() + " cannot train an AOT cache in one run (JDK 25 can)");
        }
        Path recording = aotRecording(quarkusRunJar);
        List<String> command = List.of(ChildProcesses.javaExecutable().toString(), "-Xmx256m",
                "-XX:AOTCacheOutput=" + recording, "-jar", quarkusRunJar.toString());
        return new QuarkusApp(name, ChildProcesses.start(command, log, serviceEnvironment(env, port)), port, log, Optional.of(recording));
    }

    /**
     * Stops a service started by {@link #launchForAotTraining} with SIGTERM, waits up to
     * {@code timeout} while it writes its cache on the way out (the JDK assembles it in a child
     * JVM, several seconds), and renames the cache to {@code app-trained.aot} once whole: a
     * start never sees half a cache. Returns the cache; throws when it left none, and then
     * nothing new is left beside the jar.
     */
    public Path keepTrainedAotCache(Path quarkusRunJar, Duration timeout) {
        Path recording = aotRecording(quarkusRunJar);
        try {
            // Not close(): its SIGKILL after 15 s would cut the cache's assembly short.
            ChildProcesses.destroy(process.toHandle(), timeout);
            if (!Files.isRegularFile(recording)) {
                throw new IllegalStateException(name + " left no AOT cache (exit " + process.exitValue() + "):\n"
                        + ChildProcesses.tail(log, 20));
            }
            return Files.move(recording, quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the AOT cache of " + name, e);
        } finally {
            close();
        }
    }

    private static Path aotRecording(Path quarkusRunJar) {
        return quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE + "." + ProcessHandle.current().pid() + ".tmp");
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

    /**
     * SIGTERM, then SIGKILL after 15 s. A training run's cache not kept by then is removed, with
     * the JVM that was assembling it on the way out: half a cache must not lie beside the jar,
     * where a container build's context would pick it up.
     */
    @Override
    public void close() {
        if (aotRecording.isEmpty()) {
            ChildProcesses.destroy(process.toHandle(), Duration.ofSeconds(15));
            return;
        }
        ChildProcesses.destroyTree(process.toHandle(), Duration.ofSeconds(15));
        Path recording = aotRecording.get();
        try {
            Files.deleteIfExists(recording);
            Files.deleteIfExists(recording.resolveSibling(recording.getFileName() + ".config"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + recording, e);
        }
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
