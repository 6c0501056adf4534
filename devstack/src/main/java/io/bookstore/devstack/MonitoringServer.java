package io.bookstore.devstack;

import io.bookstore.testkit.HttpReadiness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus and Alertmanager with the repository's own configuration
 * ({@code observability/}), when they are installed: Prometheus scrapes the stack's
 * services and evaluates the recording and alerting rules, and sends what fires to
 * Alertmanager, which groups, routes and inhibits it as in production.
 */
final class MonitoringServer {

    /** What the stack can run, with the names Debian and the upstream tarballs give the executables. */
    enum Kind {
        PROMETHEUS("Prometheus", 9090, "prometheus"),
        ALERTMANAGER("Alertmanager", 9093, "prometheus-alertmanager", "alertmanager");

        final String title;
        final int port;
        private final List<String> executables;

        Kind(String title, int port, String... executables) {
            this.title = title;
            this.port = port;
            this.executables = List.of(executables);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** The executable on the PATH, if any. */
        Optional<Path> installed() {
            List<String> path = Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
            return executables.stream()
                    .flatMap(name -> path.stream().map(directory -> Path.of(directory, name)))
                    .filter(Files::isExecutable)
                    .findFirst();
        }
    }

    /** Where alertmanager.yml's receivers read their keys and URLs in Kubernetes (a mounted Secret). */
    static final String KUBERNETES_SECRETS = "/etc/alertmanager/secrets/";
    private static final Pattern SECRET_FILE = Pattern.compile("(\\w+)_file: " + Pattern.quote(KUBERNETES_SECRETS) + "([\\w.-]+)");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Kind kind;
    private final Process process;

    private MonitoringServer(Kind kind, Process process) {
        this.kind = kind;
        this.process = process;
    }

    /** Starts Prometheus on 127.0.0.1:9090 with its data in the stack's folder; returns once it is ready. */
    static MonitoringServer startPrometheus(Path executable, Path home, StackDirectory directory) {
        Path configuration = home.resolve("observability").resolve("prometheus");
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--config.file=" + configuration.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.root().resolve("prometheus"),
                "--web.listen-address=127.0.0.1:" + Kind.PROMETHEUS.port));
        try {
            // The same flags as in Kubernetes, one per line (retention, remote write, exemplars).
            Files.readAllLines(configuration.resolve("prometheus.args")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(command::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(Kind.PROMETHEUS, command, directory);
    }

    /**
     * Starts Alertmanager on 127.0.0.1:9093 with the repository's routes and receivers. Its
     * receivers read their secrets from files; the stack gives it a copy of the
     * configuration that reads them from {@code .devstack/alertmanager/secrets/}, where it
     * writes stand-ins that reach no one, and keeps any real ones put there.
     */
    static MonitoringServer startAlertmanager(Path executable, Path home, StackDirectory directory) {
        Path configuration = home.resolve("observability").resolve("alertmanager");
        Path root = directory.root().resolve("alertmanager");
        Path secrets = root.resolve("secrets");
        try {
            Files.createDirectories(secrets);
            String config = Files.readString(configuration.resolve("alertmanager.yml"));
            Matcher secretFiles = SECRET_FILE.matcher(config);
            while (secretFiles.find()) {
                Path secret = secrets.resolve(secretFiles.group(2));
                if (Files.notExists(secret)) {
                    // A URL nothing listens on (the discard port): notifications fail, and say so in the log.
                    Files.writeString(secret, secretFiles.group(1).endsWith("url")
                            ? "http://127.0.0.1:9/devstack-stand-in" : "devstack-stand-in");
                }
            }
            Path local = root.resolve("alertmanager.yml");
            Files.writeString(local, config
                    .replace(KUBERNETES_SECRETS, secrets.toAbsolutePath() + "/")
                    // Template paths are relative to the configuration file, which is now here.
                    .replace("- templates/", "- " + configuration.toAbsolutePath().resolve("templates") + "/"));
            return start(Kind.ALERTMANAGER, List.of(executable.toString(),
                    "--config.file=" + local,
                    "--storage.path=" + root.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + Kind.ALERTMANAGER.port,
                    // No cluster: its default listener, 9094, is Kafka's controller here.
                    "--cluster.listen-address="), directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MonitoringServer start(Kind kind, List<String> command, StackDirectory directory) {
        Path log = directory.logs().resolve(kind.name().toLowerCase() + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            MonitoringServer server = new MonitoringServer(kind, process);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    Kind kind() {
        return kind;
    }

    long pid() {
        return process.pid();
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady(Path log) {
        if (HttpReadiness.await(URI.create(kind.url() + "/-/ready"), process, READY_TIMEOUT) == HttpReadiness.Outcome.READY) {
            return;
        }
        stop();
        throw new StackFailure(kind.title + " did not start", "read " + log + ", or run without it: ./bookstore up --monitoring off");
    }
}
