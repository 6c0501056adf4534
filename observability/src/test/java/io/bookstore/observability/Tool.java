package io.bookstore.observability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An installed Prometheus or Alertmanager binary. Tests that need one skip, saying so,
 * when it is not installed; CI installs them (Debian: prometheus, prometheus-alertmanager).
 */
record Tool(String name, Path executable) {

    private static final long TIMEOUT_SECONDS = 180;

    static final String INSTALL_HINT = "apt-get install -y prometheus prometheus-alertmanager";

    /** The first of {@code candidates} found on the PATH, or the test is skipped. */
    static Tool require(final String... candidates) {
        Optional<Tool> tool = find(candidates);
        Assumptions.assumeTrue(tool.isPresent(),
                () -> String.join(" or ", candidates) + " is not installed; skipping (" + INSTALL_HINT + ")");
        return tool.get();
    }

    static Optional<Tool> find(final String... candidates) {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String candidate : candidates) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                Path executable = Path.of(dir, candidate);
                if (Files.isExecutable(executable)) {
                    return Optional.of(new Tool(candidate, executable));
                }
            }
        }
        return Optional.empty();
    }

    Result run(final Path workDir, final String... args) {
        return run(workDir, Arrays.asList(args));
    }

    Result run(final Path workDir, final List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish in " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a long-running server; its output goes to {@code log}, which failures quote. */
    Process start(final Path workDir, final Path log, final List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        try {
            return new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(List<String> command, int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }
}
