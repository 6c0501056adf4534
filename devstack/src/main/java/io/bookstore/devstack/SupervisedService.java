package io.bookstore.devstack;

import io.bookstore.testkit.QuarkusApp;
import io.bookstore.testkit.ShutdownInProgressException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of the stack, restarted with the same environment when its process dies, as a
 * kubelet restarts a container: the exit is noticed at once ({@link QuarkusApp#onExit()}), and
 * the restart is logged in the stack's output and in the service's log. A service that dies
 * again within {@link #CRASH_LOOP_WINDOW} of its last restart waits before the next one,
 * doubling up to {@link #MAX_BACKOFF} (a crash loop must not eat the machine). Supervision
 * starts once the service was ready the first time, so a service that cannot start at all
 * still fails {@code up}; {@link #stop()} ends it before the process is stopped.
 */
final class SupervisedService {

    static final Duration CRASH_LOOP_WINDOW = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Service service;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final int niceness;
    private final Jit jit;
    private final StackDirectory directory;
    private final PrintStream out;
    private volatile QuarkusApp app;
    private volatile boolean supervising;
    private volatile boolean stopping;
    private Instant lastRestart = Instant.EPOCH;
    private Duration backoff = Duration.ZERO;
    private int restarts;

    SupervisedService(Service service, Path jar, Path log, Map<String, String> env, int niceness, Jit jit,
                      StackDirectory directory, PrintStream out) {
        this.service = service;
        this.jar = jar;
        this.log = log;
        this.env = Map.copyOf(env);
        this.niceness = niceness;
        this.jit = jit;
        this.directory = directory;
        this.out = out;
    }

    Service service() {
        return service;
    }

    /** Starts the process, as the stack starts, and returns at once. */
    void launch() {
        launch(jit.stackStartOptions());
    }

    private void launch(List<String> jvmOptions) {
        // At the priority of the running ones, not its tier's, until it is ready (see takeTier).
        QuarkusApp launched = QuarkusApp.launch(service.module(), jar, service.port(), log, env, jvmOptions);
        app = launched;
        directory.recordChild(service.module(), launched.pid());
        // A thread of its own: the restart waits for readiness, which must hold up neither the JDK's process reaper nor a pool.
        launched.onExit().thenAccept(code -> {
            Instant diedAt = Instant.now();
            Thread.ofPlatform().daemon().name("supervise-" + service.module()).start(() -> died(launched, code, diedAt));
        });
    }

    /** Waits for the first start, then watches the process. */
    void awaitReady(Duration timeout) {
        app.awaitReady(timeout);
        takeTier(app);
        supervising = true;
        if (!app.onExit().isDone()) {
            return;
        }
        // It died between ready and now: the exit handler saw supervising still false.
        died(app, app.onExit().join(), Instant.now());
    }

    Optional<Long> pid() {
        QuarkusApp current = app;
        return current == null ? Optional.empty() : Optional.of(current.pid());
    }

    synchronized int restarts() {
        return restarts;
    }

    /** Ends supervision, then stops the process. */
    void stop() {
        stopping = true;
        QuarkusApp current = app;
        if (current != null) {
            current.close();
        }
    }

    private void died(QuarkusApp which, int exitCode, Instant diedAt) {
        Duration wait;
        synchronized (this) {
            if (stopping || !supervising || which != app) {
                return;
            }
            backoff = Duration.between(lastRestart, diedAt).compareTo(CRASH_LOOP_WINDOW) < 0
                    ? min(backoff.isZero() ? Duration.ofSeconds(1) : backoff.multipliedBy(2), MAX_BACKOFF)
                    : Duration.ZERO;
            wait = backoff;
        }
        sleep(wait);
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                launch(jit.restartOptions());
            } catch (ShutdownInProgressException stackStopping) {
                // The devstack is stopping: the JVM's hooks stopped the service before stop() said so.
                return;
            }
            restarts++;
            lastRestart = Instant.now();
        }
        String line = "restarted " + service.module() + " (exit " + exitCode + ") after "
                + Duration.between(diedAt, Instant.now()).toMillis() + " ms";
        out.println(line);
        out.flush();
        appendToLog(line);
        awaitReadyAgain(diedAt);
    }

    /** Says when the restarted service is ready: what a crash cost. */
    private void awaitReadyAgain(Instant diedAt) {
        QuarkusApp restarted = app;
        try {
            restarted.awaitReady(Duration.ofMinutes(3));
            takeTier(restarted);
            if (!stopping) {
                String line = service.module() + " ready again " + Duration.between(diedAt, Instant.now()).toMillis()
                        + " ms after its exit";
                out.println(line);
                out.flush();
                appendToLog(line);
            }
        } catch (IllegalStateException notReady) {
            // It died again (the exit handler restarts it) or hangs: the log says which.
        }
    }

    /**
     * A start-up boost, as Kubernetes' startup CPU boost gives a starting pod: every service
     * starts at niceness 0 and takes its tier's only once ready, so that a service restarted
     * after a crash is not starved by the ones at work (at nice 15, a restart under load
     * gets a 28th of the CPU a process at 0 gets). A flat stack (every tier at 0) changes nothing.
     */
    private void takeTier(QuarkusApp ready) {
        if (niceness != 0 && !ready.renice(niceness)) {
            out.println(service.module() + " keeps niceness 0: this system has no /proc to move its threads with");
        }
    }

    private void appendToLog(String line) {
        try {
            Files.writeString(log, "devstack: " + line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
