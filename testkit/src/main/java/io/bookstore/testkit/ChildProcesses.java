package io.bookstore.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/** Starting and stopping the child JVMs of the testkit (the Kafka broker, packaged services). */
final class ChildProcesses {

    private ChildProcesses() {
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * {@code command} run at the scheduling priority {@code niceness} (nice(1), which every
     * thread of the child inherits; a positive value needs no privilege); as it is at 0.
     */
    static List<String> niced(int niceness, List<String> command) {
        if (niceness == 0) {
            return command;
        }
        List<String> niced = new ArrayList<>(List.of("nice", "-n", Integer.toString(niceness)));
        niced.addAll(command);
        return niced;
    }

    /**
     * Moves every thread of a running process to the scheduling priority {@code niceness}
     * ({@code renice} of each task in {@code /proc/<pid>/task}: the pid alone is the main
     * thread's, and a JVM's other threads keep their own). Threads started afterwards inherit
     * it from the thread that starts them. Raising the niceness needs no privilege; lowering it
     * below where it was does. Where there is no {@code /proc} (not Linux) the process is left as
     * it is and {@code false} returned.
     */
    static boolean renice(ProcessHandle process, int niceness) {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        Set<String> done = new HashSet<>();
        // A thread the process starts while the others are moved may escape one pass, not two.
        for (int pass = 0; pass < 3 && Files.isDirectory(tasks); pass++) {
            List<String> command = new ArrayList<>(List.of("renice", "-n", Integer.toString(niceness), "-p"));
            try (Stream<Path> listed = Files.list(tasks)) {
                listed.map(task -> task.getFileName().toString()).filter(done::add).forEach(command::add);
            } catch (IOException gone) {
                return false;
            }
            if (command.size() == 4) {
                return true;
            }
            run(command);
        }
        return Files.isDirectory(tasks);
    }

    private static void run(List<String> command) {
        try {
            // A thread that ended in between makes renice complain about it alone: the others are moved.
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts a command with its output appended to {@code log}; the child dies with this JVM.
     *
     * @throws ShutdownInProgressException when this JVM is already shutting down (the child is killed again at once)
     */
    static Process start(List<String> command, Path log, Map<String, String> env) {
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        ProcessHandle handle = process.toHandle();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> destroy(handle, Duration.ofSeconds(5))));
        } catch (IllegalStateException shuttingDown) {
            kill(handle);
            throw new ShutdownInProgressException(command.get(0), shuttingDown);
        }
        return process;
    }

    /** SIGTERM, then SIGKILL when the process has not ended within {@code grace}. */
    static void destroy(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!exitsWithin(handle, grace)) {
            kill(handle);
        }
    }

    /**
     * As {@link #destroy}, but a process still alive after {@code grace} is killed together with
     * the processes it started (a JVM assembling its AOT cache on the way out runs a second one).
     */
    static void destroyTree(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!exitsWithin(handle, grace)) {
            List<ProcessHandle> descendants = handle.descendants().toList();
            kill(handle);
            descendants.forEach(ChildProcesses::kill);
        }
    }

    private static boolean exitsWithin(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to clean up, as when a machine dies. */
    static void kill(ProcessHandle handle) {
        handle.destroyForcibly();
        try {
            handle.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("process " + handle.pid() + " did not die", e);
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The living process whose pid the system property {@code key} holds (JVM-wide, as every class loader sees it). */
    static Optional<ProcessHandle> recorded(String key) {
        String pid = System.getProperty(key);
        return pid == null ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }

    /** Between two polls: a wake-up before the time (a spurious one, an interrupt) only polls sooner. */
    static void pauseBetweenPolls(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
