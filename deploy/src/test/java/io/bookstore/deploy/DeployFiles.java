package io.bookstore.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the files under test are: this module, the repository, and the services' ports. */
final class DeployFiles {

    /** A row of the README's module table that names a port: {@code | [`catalog`](catalog) | … | 8081 |}. */
    private static final Pattern PORT_ROW = Pattern.compile("^\\| \\[`([a-z-]+)`]\\([a-z-]+\\) \\|.*\\| (\\d{4,5}) \\|$");

    private DeployFiles() {
    }

    static Path deployDir() {
        return Paths.get(System.getProperty("deploy.dir", "")).toAbsolutePath();
    }

    static Path repository() {
        return deployDir().getParent();
    }

    static Path observability() {
        return repository().resolve("observability");
    }

    static Path upScript() {
        return deployDir().resolve("kind").resolve("up.sh");
    }

    static Path applicationProperties(String module) {
        return repository().resolve(module).resolve("src/main/resources/application.properties");
    }

    /**
     * The seven services and their HTTP ports, from the module table of the repository's
     * README (DESIGN.md's table, which the README repeats).
     */
    static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : read(repository().resolve("README.md")).split("\n")) {
            Matcher row = PORT_ROW.matcher(line.strip());
            if (row.matches()) {
                ports.put(row.group(1), Integer.parseInt(row.group(2)));
            }
        }
        if (ports.size() != 7) {
            throw new IllegalStateException("expected the seven services with ports in README.md's module table, found " + ports);
        }
        return ports;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
