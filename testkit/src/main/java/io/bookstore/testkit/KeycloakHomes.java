package io.bookstore.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Keycloak home folders ({@code bin/kc.sh}, {@code lib}, {@code data}) for {@link KeycloakServer}.
 *
 * <p>The first start of a fresh distribution costs a minute on a small machine: Keycloak
 * builds its configuration, creates its schema and imports the realm. That is done once per
 * machine, distribution and realm definition, in a template home in the temporary folder;
 * every home after is the template again, its program files hard links (Keycloak does not
 * write them after its build) and its {@code data} a copy, and starts in seconds.
 */
final class KeycloakHomes {

    private static final String REALM_FILE = "bookstore-realm.json";
    private static final String TEMPLATE_PREFIX = "bookstore-keycloak-template-";
    private static final String ADMIN_PASSWORD_FILE = "admin.password";
    /** In a persistent home: the name of the template it was made from. */
    private static final String MADE_FROM_FILE = "made-from-template";

    private KeycloakHomes() {
    }

    /** A new home in the temporary folder, for one test JVM's server; {@link #delete} ends it. */
    static Path temporary() {
        try {
            Path template = template();
            Path home = Files.createTempDirectory("bookstore-keycloak-");
            copyTemplate(template, home);
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Keycloak home", e);
        }
    }

    /**
     * The home at {@code dir}, kept from run to run while it was made from the current
     * template. A new distribution or realm definition means a new template: the home is then
     * made again from it, so that it runs the new Keycloak and serves the new realm (users
     * added by hand go with it).
     */
    static Path persistent(Path dir) {
        try {
            Path template = template();
            String templateName = template.getFileName().toString();
            Path madeFrom = dir.resolve(MADE_FROM_FILE);
            if (!Files.exists(madeFrom) || !Files.readString(madeFrom).equals(templateName)) {
                Directories.deleteTree(dir);
                copyTemplate(template, dir);
                Files.writeString(madeFrom, templateName);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Keycloak home " + dir, e);
        }
    }

    static String adminPassword(Path home) {
        try {
            return Files.readString(home.resolve(ADMIN_PASSWORD_FILE)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no " + ADMIN_PASSWORD_FILE + " in " + home, e);
        }
    }

    static void delete(Path home) {
        try {
            Directories.deleteTree(home);
        } catch (IOException e) {
            // A temporary folder left behind costs disk only; the JVM is ending anyway.
        }
    }

    /**
     * The warmed-up template of this distribution and realm, made under a file lock when it
     * is missing (test JVMs of parallel builds may ask at once), replacing older templates.
     */
    private static Path template() throws IOException {
        Path zip = distribution();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path template = tmp.resolve(TEMPLATE_PREFIX + fingerprint(zip.getFileName().toString(), KeycloakRealm.definition()));
        if (Files.isDirectory(template)) {
            return template;
        }
        try (FileChannel lockFile = FileChannel.open(tmp.resolve("bookstore-keycloak-template.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (Files.isDirectory(template)) {
                return template;
            }
            Path building = Files.createTempDirectory(tmp, "bookstore-keycloak-building-");
            unpack(zip, building);
            writeAdminPassword(building);
            writeRealm(building);
            KeycloakServer.warmUp(building);
            Files.deleteIfExists(building.resolve("keycloak.log"));
            removeOldTemplates(tmp);
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            return template;
        }
    }

    private static void removeOldTemplates(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path old : entries.filter(path -> path.getFileName().toString().startsWith(TEMPLATE_PREFIX)).toList()) {
                Directories.deleteTree(old);
            }
        }
    }

    private static void copyTemplate(Path template, Path home) throws IOException {
        Files.createDirectories(home);
        try (Stream<Path> entries = Files.list(template)) {
            for (Path entry : entries.toList()) {
                Path target = home.resolve(entry.getFileName().toString());
                copyTree(entry, target, !entry.getFileName().toString().equals("data"));
            }
        }
    }

    /** Copies a tree; with {@code link}, regular files become hard links where the file system allows. */
    private static void copyTree(Path source, Path target, boolean link) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else if (link) {
                    try {
                        Files.createLink(to, path);
                    } catch (IOException | UnsupportedOperationException otherFileSystem) {
                        Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } else {
                    Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void writeRealm(Path home) throws IOException {
        Path imported = home.resolve("data/import").resolve(REALM_FILE);
        Files.createDirectories(imported.getParent());
        Files.writeString(imported, KeycloakRealm.definition());
    }

    /** Read by Keycloak on the first start only, when it creates the master realm's admin. */
    private static void writeAdminPassword(Path home) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        Files.writeString(home.resolve(ADMIN_PASSWORD_FILE), HexFormat.of().formatHex(random) + "\n");
    }

    private static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The zip's path, written into the testkit jar by the build (maven-dependency-plugin). */
    private static Path distribution() throws IOException {
        try (InputStream in = KeycloakHomes.class.getResourceAsStream("keycloak-distribution.path")) {
            if (in == null) {
                throw new IllegalStateException("keycloak-distribution.path is missing from the testkit jar");
            }
            return Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    /** The zip holds one top folder, {@code keycloak-<version>/}: its content goes to {@code dir}. */
    private static void unpack(Path zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = dir.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry outside its folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String script : List.of("kc.sh", "kcadm.sh", "kcreg.sh")) {
            Path file = dir.resolve("bin").resolve(script);
            if (Files.exists(file) && !file.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + file + " executable");
            }
        }
    }

}
