package io.bookstore.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code ./bookstore} of this checkout as a user does, from its root, and keeps what it printed. */
final class BookstoreScript {

    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    record Run(int exitCode, String output) {
    }

    private BookstoreScript() {
    }

    /** At most ten minutes: the first {@code up} of a build also trains seven AOT caches. */
    static Run run(Map<String, String> env, String... args) throws Exception {
        return run(Duration.ofMinutes(10), env, args);
    }

    static Run run(Duration timeout, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bookstore").toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("bookstore-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./bookstore " + String.join(" ", args) + " did not finish:\n" + Files.readString(output));
        }
        String printed = Files.readString(output);
        Files.delete(output);
        return new Run(process.exitValue(), printed);
    }

    /**
     * When {@code run} trained the AOT caches (the first devstack run of a build does, whichever
     * test that is), its training load had checkouts accepted and every cache was written: a load
     * refused whole would still leave caches, without a checkout's method profiles.
     */
    static void assertAnyTrainingAcceptedCheckouts(Run run) {
        if (run.output().contains("Training the JDK's AOT cache")) {
            assertThat(run.output()).containsPattern("\\d+ checkouts, [1-9]\\d* accepted").doesNotContain("not trained");
        }
    }
}
