package io.bookstore.testkit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a child process that one test JVM shares (its Kafka broker, its Keycloak) is found:
 * its folder and port, kept in system properties under a prefix. Quarkus may load the
 * testkit in more than one class loader; system properties are one object for them all, so
 * every copy of a class finds the same process, and {@code synchronized (System.getProperties())}
 * is a JVM-wide lock.
 */
final class JvmWide {

    /** A shared process's folder and port. */
    record Coordinates(Path dir, int port) {
    }

    private JvmWide() {
    }

    static Optional<Coordinates> recorded(String prefix) {
        String dir = System.getProperty(prefix + "dir");
        return dir == null ? Optional.empty() : Optional.of(new Coordinates(Path.of(dir), Integer.getInteger(prefix + "port")));
    }

    static void record(String prefix, Path dir, int port) {
        System.setProperty(prefix + "dir", dir.toString());
        System.setProperty(prefix + "port", Integer.toString(port));
    }
}
