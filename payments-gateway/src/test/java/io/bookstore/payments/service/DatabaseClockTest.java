package io.bookstore.payments.service;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is due, what is leased and what has passed its window is decided by the database's clock
 * ({@code now()} in SQL) alone: replicas on several machines, and the database itself, may each
 * have another time. So the code that settles payments never reads this process's clock.
 * (The webhook's signature check does, by design: it compares with the PSP's clock.)
 */
class DatabaseClockTest {

    private static final Path MAIN = Path.of("src/main/java/io/bookstore/payments");
    private static final Pattern JVM_CLOCK = Pattern.compile(
            "\\b(Instant|OffsetDateTime|ZonedDateTime|LocalDateTime|LocalDate)\\.now\\(|System\\.currentTimeMillis\\(|\\bClock\\b");

    @Test
    void theSettlerAndThePaymentsTableNeverReadTheJvmClock() {
        List<String> readers;
        try (Stream<Path> files = Stream.of("service", "repository", "domain").map(MAIN::resolve).flatMap(DatabaseClockTest::javaFiles)) {
            readers = files.filter(file -> JVM_CLOCK.matcher(read(file)).find()).map(Path::toString).toList();
        }
        assertThat(readers).as("classes comparing this process's clock with the database's").isEmpty();
    }

    private static Stream<Path> javaFiles(Path directory) {
        try {
            return Files.walk(directory).filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
