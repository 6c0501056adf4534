package io.bookstore.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus with the repository's own configuration ({@code observability/prometheus}),
 * when it is installed: it scrapes the stack's services and evaluates the recording and
 * alerting rules the dashboards and alerts are built on.
 */
final class PrometheusServer {

    static final int PORT = 9090;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;

    private PrometheusServer(Process process) {
        this.process = process;
    }

    /** The {@code prometheus} executable on the PATH, if any. */
    static Optional<Path> installed() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Starts it on 127.0.0.1:9090 with its data in the stack's folder; returns once it is ready. */
    static PrometheusServer start(Path executable, Path home, StackDirectory directory) {
        Path configuration = home.resolve("observability").resolve("prometheus");
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--config.file=" + configuration.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + directory.root().resolve("prometheus"),
                "--web.listen-address=127.0.0.1:" + PORT));
        try {
            // The same flags as in Kubernetes, one per line (retention, remote write, exemplars).
            Files.readAllLines(configuration.resolve("prometheus.args")).stream()
                    .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(command::add);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.logs().resolve("prometheus.log").toFile()))
                    .start();
            PrometheusServer server = new PrometheusServer(process);
            server.awaitReady(directory.logs().resolve("prometheus.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
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
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/-/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new StackFailure("Prometheus did not start", "read " + log + ", or run without it: ./bookstore up --prometheus off");
    }
}
