package io.bookstore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    /** The one {@link #trainAotCache} records from a real start, preferred while it is newer than the jar. */
    static final String TRAINED_AOT_CACHE = "app-trained.aot";
    /** JEP 483; the child JVM is this one's ({@link ChildProcesses#javaExecutable()}). */
    private static final int FIRST_JDK_WITH_AOT_CACHE = 24;
    /** JEP 514, {@code -XX:AOTCacheOutput}: a cache recorded by the run that trains it. */
    private static final int FIRST_JDK_TO_TRAIN_IN_ONE_RUN = 25;
    private static final int TRAINING_REQUESTS = 20;

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
     * {@code java -Xmx256m -jar <jar>}, with the JDK's AOT cache beside the jar when there is
     * one: {@code app-trained.aot} ({@link #trainAotCache}) while it is newer than the jar, else
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
        List<String> command = new ArrayList<>(List.of(ChildProcesses.javaExecutable().toString(), "-Xmx256m"));
        if (javaFeatureVersion >= FIRST_JDK_WITH_AOT_CACHE) {
            aotCache(quarkusRunJar).ifPresent(cache -> command.add("-XX:AOTCache=" + cache));
        }
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
     * Records {@code app-trained.aot} beside the jar from one real start of the service: the
     * JVM runs with {@code -XX:AOTCacheOutput} (JEP 514) through readiness and a few requests
     * to its health and metrics endpoints, is stopped with SIGTERM, and writes the cache as it
     * exits. The package-time {@code app.aot} holds only what the static initialisation loads;
     * this one also holds what the run-time start loads (the connection pools, the HTTP
     * server, the Kafka clients, Flyway): a third less CPU per start of catalog, orders and
     * recommendations (docs/benchmarks.md). The training start itself runs without a cache
     * (the JDK takes one of the two options) and its exit takes a few seconds more. {@code env}
     * as for {@link #launch}; the service's port is a free one. Returns the cache; throws when
     * the service does not start or leaves no cache, and then nothing is left beside the jar.
     */
    public static Path trainAotCache(String name, Path quarkusRunJar, Path log, Map<String, String> env, Duration timeout) {
        if (!canTrainAotCache()) {
            throw new IllegalStateException("JDK " + Runtime.version().feature() + " cannot train an AOT cache in one run (JDK 25 can)");
        }
        Path trained = quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE);
        // Written under another name and renamed once whole: a start never sees half a cache.
        Path recording = quarkusRunJar.resolveSibling(TRAINED_AOT_CACHE + "." + ProcessHandle.current().pid() + ".tmp");
        Map<String, String> environment = new HashMap<>(env);
        int port = FreePorts.next();
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.putIfAbsent("BOOKSTORE_SECRETS_ALLOW_DEVELOPMENT_DEFAULTS", "true");
        List<String> command = List.of(ChildProcesses.javaExecutable().toString(), "-Xmx256m",
                "-XX:AOTCacheOutput=" + recording, "-jar", quarkusRunJar.toString());
        QuarkusApp training = new QuarkusApp(name, ChildProcesses.start(command, log, environment), port, log);
        try {
            training.awaitReady(timeout);
            training.exercise();
            // Not close(): its SIGKILL after 15 s would cut the cache's assembly short.
            ChildProcesses.destroy(training.process.toHandle(), timeout);
            if (!Files.isRegularFile(recording)) {
                throw new IllegalStateException(name + " left no AOT cache (exit " + training.process.exitValue() + "):\n"
                        + ChildProcesses.tail(log, 20));
            }
            return Files.move(recording, trained, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the AOT cache of " + name, e);
        } finally {
            training.close();
            try {
                Files.deleteIfExists(recording);
                Files.deleteIfExists(recording.resolveSibling(recording.getFileName() + ".config"));
            } catch (IOException ignored) {
                // A leftover temporary file is only disk space.
            }
        }
    }

    /** A few requests, so that the cache also holds what answering one loads. */
    private void exercise() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < TRAINING_REQUESTS; i++) {
            for (String path : List.of("/q/health/ready", "/q/metrics")) {
                try {
                    client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException ignored) {
                    // Training only: a failed request teaches less, it does not spoil the cache.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
