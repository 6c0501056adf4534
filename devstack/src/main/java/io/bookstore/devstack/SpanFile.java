package io.bookstore.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bookstore.testkit.ReceivedSpan;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The spans the devstack received, one JSON object per line, so that a trace can be looked at
 * from another terminal and after the stack stopped. Under load the file would grow without
 * end: past {@link #ROTATE_AT} bytes it becomes {@code spans.1.jsonl}, replacing the one before.
 */
final class SpanFile {

    static final long ROTATE_AT = 128L * 1024 * 1024;
    /** Lenient on reading: a line written by another version may carry more than this one knows. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path file;
    private final Path previous;
    private BufferedWriter writer;
    private long written;

    SpanFile(Path file) {
        this.file = file;
        String name = file.getFileName().toString();
        this.previous = file.resolveSibling(name.replace(".jsonl", ".1.jsonl"));
    }

    /** Called by the OTLP sink's threads, hence synchronized; flushed per batch so readers see whole traces. */
    synchronized void append(List<ReceivedSpan> spans) {
        try {
            if (writer == null) {
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                written = Files.size(file);
            }
            for (ReceivedSpan span : spans) {
                String line = JSON.writeValueAsString(span);
                writer.write(line);
                writer.write('\n');
                written += line.length() + 1;
            }
            writer.flush();
            if (written > ROTATE_AT) {
                writer.close();
                writer = null;
                Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    synchronized void close() {
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether spans were written here before, by this process or an earlier one. */
    boolean holdsSpans() {
        return nonEmpty(file) || nonEmpty(previous);
    }

    /** Every span of one trace received so far. */
    List<ReceivedSpan> trace(String traceId) {
        return read(line -> line.contains(traceId), span -> span.traceId().equals(traceId));
    }

    /** The trace id of the latest root span that {@code root} accepts. */
    Optional<String> latestTrace(Predicate<ReceivedSpan> root) {
        return read(line -> line.contains("\"parentSpanId\":\"\""), span -> span.isRoot() && root.test(span)).stream()
                .max(Comparator.comparingLong(ReceivedSpan::startEpochNanos))
                .map(ReceivedSpan::traceId);
    }

    /** Lines are filtered as text first: parsing every span of a long run would take a while. */
    private List<ReceivedSpan> read(Predicate<String> maybe, Predicate<ReceivedSpan> wanted) {
        List<ReceivedSpan> found = new ArrayList<>();
        for (Path source : List.of(previous, file)) {
            if (!Files.exists(source)) {
                continue;
            }
            try (BufferedReader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (maybe.test(line)) {
                        parse(line).filter(wanted).ifPresent(found::add);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source, e);
            }
        }
        return found;
    }

    private static boolean nonEmpty(Path source) {
        try {
            return Files.size(source) > 0;
        } catch (NoSuchFileException absent) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /** A line cut short (the stack was killed mid-write) is skipped, not fatal. */
    private static Optional<ReceivedSpan> parse(String line) {
        try {
            return Optional.of(JSON.readValue(line, ReceivedSpan.class));
        } catch (JsonProcessingException partial) {
            return Optional.empty();
        }
    }
}
