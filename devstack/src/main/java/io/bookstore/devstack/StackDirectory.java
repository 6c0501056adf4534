package io.bookstore.devstack;

import io.bookstore.testkit.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one folder a devstack keeps everything in: {@code logs/<service>.log} (JSON lines),
 * {@code kafka/} (the broker's data and log), {@code keycloak/} (Keycloak's home: its data
 * and {@code keycloak.log}), {@code spans.jsonl} (every span it received),
 * and the process ids that {@code down} stops.
 */
record StackDirectory(Path root) {

    Path logs() {
        return root.resolve("logs");
    }

    Path log(Service service) {
        return logs().resolve(service.module() + ".log");
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    Path keycloak() {
        return root.resolve("keycloak");
    }

    Path spans() {
        return root.resolve("spans.jsonl");
    }

    /** The output of a devstack started with {@code --detach}. */
    Path devstackLog() {
        return root.resolve("devstack.log");
    }

    /** The devstack process itself: {@code down} asks it to stop everything. */
    Path pidFile() {
        return root.resolve("devstack.pid");
    }

    /** Every child process, one {@code <name> <pid>} per line: what {@code down} makes sure is gone. */
    Path childPidFile() {
        return root.resolve("children.pid");
    }

    void create() {
        try {
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new StackFailure("cannot create " + logs() + ": " + e.getMessage(),
                    "choose a folder you may write to with --dir or BOOKSTORE_DEVSTACK_DIR", e);
        }
    }

    Optional<ProcessHandle> runningDevstack() {
        return readPid(pidFile()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    List<ProcessHandle> livingChildren() {
        return children().values().stream()
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** The child processes recorded by the running (or last) stack, by name. */
    Map<String, Long> children() {
        Map<String, Long> children = new LinkedHashMap<>();
        if (!Files.exists(childPidFile())) {
            return children;
        }
        try {
            for (String line : Files.readAllLines(childPidFile())) {
                String[] nameAndPid = line.trim().split(" ");
                if (nameAndPid.length == 2 && nameAndPid[1].matches("\\d+")) {
                    children.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
                }
            }
            return children;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void recordChild(String name, long pid) {
        append(childPidFile(), name + " " + pid + "\n");
    }

    void writePid(long pid) {
        write(pidFile(), pid + "\n");
    }

    /**
     * What {@code up --fresh} starts without, besides the databases: Kafka's data, Keycloak's
     * home (made again from the realm definition's template) and the spans.
     */
    void deleteRunData() {
        try {
            Directories.deleteTree(kafka());
            Directories.deleteTree(keycloak());
            Files.deleteIfExists(spans());
            Files.deleteIfExists(spans().resolveSibling("spans.1.jsonl"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + root, e);
        }
    }

    void forgetProcesses() {
        try {
            Files.deleteIfExists(pidFile());
            Files.deleteIfExists(childPidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String pid = Files.exists(file) ? Files.readString(file).trim() : "";
            return pid.matches("\\d+") ? Optional.of(Long.parseLong(pid)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
