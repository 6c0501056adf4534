package io.bookstore.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The module's configuration files, read as the tools and Grafana will read them. */
final class ObservabilityFiles {

    /** Surefire passes the module directory; from an IDE the working directory is the module too. */
    static final Path ROOT = Path.of(System.getProperty("observability.dir", ".")).toAbsolutePath().normalize();

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final ObjectMapper JSON = new ObjectMapper();

    /** The configuration folders, the part of the module a copy for a broken variant needs. */
    private static final List<String> CONFIG_DIRS =
            List.of("collector", "tempo", "loki", "prometheus", "alertmanager", "grafana");

    private ObservabilityFiles() {
    }

    static Path path(final String relative) {
        return ROOT.resolve(relative);
    }

    static String read(final Path file) {
        return unchecked("cannot read " + file, () -> Files.readString(file));
    }

    static String read(final String relative) {
        return read(path(relative));
    }

    static JsonNode yaml(final Path file) {
        return unchecked("cannot parse " + file, () -> YAML.readTree(file.toFile()));
    }

    static JsonNode yaml(final String relative) {
        return yaml(path(relative));
    }

    static JsonNode parseYaml(final String text) {
        return unchecked("cannot parse YAML", () -> YAML.readTree(text));
    }

    static ObjectNode mutableYaml(final String relative) {
        return (ObjectNode) yaml(relative);
    }

    static JsonNode json(final Path file) {
        return unchecked("cannot parse " + file, () -> JSON.readTree(file.toFile()));
    }

    static void write(final Path file, final String text) {
        unchecked("cannot write " + file, () -> {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        });
    }

    static void writeYaml(final Path file, final JsonNode tree) {
        write(file, unchecked("cannot write YAML for " + file, () -> YAML.writeValueAsString(tree)));
    }

    /** Files directly in a folder of the module whose names end with {@code suffix}, sorted. */
    static List<Path> list(final String relativeDir, final String suffix) {
        try (Stream<Path> files = Files.list(path(relativeDir))) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the configuration folders into {@code target}, for a test that breaks one file on purpose. */
    static Path copyConfiguration(final Path target) {
        for (String dir : CONFIG_DIRS) {
            Path source = path(dir);
            try (Stream<Path> tree = Files.walk(source)) {
                for (Path file : tree.toList()) {
                    Path copy = target.resolve(dir).resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return target;
    }

    /** File work whose failure is the test's failure, not something a caller could handle. */
    private interface FileWork<T> {
        T run() throws IOException;
    }

    private static <T> T unchecked(final String what, final FileWork<T> work) {
        try {
            return work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        }
    }
}
