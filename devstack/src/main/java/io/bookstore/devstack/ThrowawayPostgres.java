package io.bookstore.devstack;

import io.bookstore.testkit.Directories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the chaos run's own, in its folder on a free port, so that the run
 * may restart it: the machine's shared server is never touched. Made with the Debian
 * packages' {@code initdb} and {@code pg_ctl}; as root they run as the {@code postgres} user,
 * since PostgreSQL refuses to run as root.
 */
final class ThrowawayPostgres {

    static final Path BIN = Path.of(System.getenv().getOrDefault("BOOKSTORE_PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final Path data;
    private final Path log;
    private final int port;
    private boolean stopped;

    private ThrowawayPostgres(Path data, Path log, int port) {
        this.data = data;
        this.log = log;
        this.port = port;
    }

    /** Creates the cluster in {@code folder} (trust authentication, user postgres, on 127.0.0.1 only) and starts it. */
    static ThrowawayPostgres start(Path folder) {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN.resolve("initdb") + " does not exist: install PostgreSQL (Debian: postgresql-15),"
                    + " or name its bin folder with BOOKSTORE_PG_BIN");
        }
        try {
            Path data = folder.resolve("pgdata");
            Files.createDirectories(folder);
            ThrowawayPostgres postgres = new ThrowawayPostgres(data, folder.resolve("postgres.log"), freePort());
            postgres.removeAnEarlierRunsCluster();
            if (isRoot()) {
                run(List.of("chown", "postgres:postgres", folder.toString()));
            }
            postgres.asOwner(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                    "--no-sync", "-E", "UTF8");
            Files.writeString(data.resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + postgres.port,
                    "unix_socket_directories = '" + folder + "'",
                    "max_connections = 300",
                    "fsync = on",
                    ""), StandardOpenOption.APPEND);
            postgres.pgCtl("start", "-w", "-t", "60", "-l", postgres.log.toString());
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An earlier run in the same folder left its cluster's files there (and, if that run was
     * killed, its server running): stopped and removed, since initdb wants an empty folder.
     */
    private void removeAnEarlierRunsCluster() throws IOException {
        if (!Files.exists(data)) {
            return;
        }
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w", "-t", "60");
            } catch (IllegalStateException notRunning) {
                // A stale pid file of a server that is gone: nothing to stop.
            }
        }
        Directories.deleteTree(data);
    }

    int port() {
        return port;
    }

    /** {@code pg_ctl restart -m immediate}: every connection is cut, as when the server crashes; recovery replays the WAL. */
    void restart() {
        pgCtl("restart", "-m", "immediate", "-w", "-t", "60", "-l", log.toString());
    }

    /** Stops the cluster once; its files stay in the run folder. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        pgCtl("stop", "-m", "fast", "-w", "-t", "60");
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(arguments));
        asOwner(command.toArray(String[]::new));
    }

    private void asOwner(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
