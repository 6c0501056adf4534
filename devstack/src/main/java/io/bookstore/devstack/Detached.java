package io.bookstore.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code up --detach}: the same {@code up} in a background process of its own session (so a
 * closing terminal does not take it along), its output in the stack's folder. This process
 * shows that output until the stack is up or has failed, and returns.
 */
final class Detached {

    private Detached() {
    }

    static int start(StackDirectory directory, List<String> upArguments) {
        directory.create();
        Path log = directory.devstackLog();
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dbookstore.home=" + System.getProperty("bookstore.home", "."));
        command.add(Main.class.getName());
        command.addAll(upArguments);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the devstack in the background", e);
        }
        return follow(log, process);
    }

    /**
     * Copies the child's output here, whole lines only (the child may be mid-line when the
     * file ends), until its ready line, or until it exits: it failed then.
     */
    private static int follow(Path log, Process process) {
        try (Reader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            while (true) {
                int next = reader.read();
                if (next == -1) {
                    if (!process.isAlive() && reader.read() == -1) {
                        System.out.print(line);
                        System.err.println("The devstack stopped (exit " + process.exitValue() + "); its output is in " + log);
                        return 1;
                    }
                    Thread.sleep(100);
                } else if (next == '\n') {
                    System.out.println(line);
                    if (line.toString().equals(Stack.READY_LINE)) {
                        System.out.println("It runs in the background (pid " + process.pid() + "), output in " + log + ".");
                        return 0;
                    }
                    line.setLength(0);
                } else {
                    line.append((char) next);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
