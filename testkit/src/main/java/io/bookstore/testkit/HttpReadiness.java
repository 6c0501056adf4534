package io.bookstore.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Waiting for a process this JVM started to answer 200 at a URL (a readiness endpoint, a
 * discovery document): how the testkit's services and Keycloak, and the devstack's
 * Prometheus and Alertmanager, are awaited. The caller says what each outcome means.
 */
public final class HttpReadiness {

    /** How the wait ended. */
    public enum Outcome {
        READY, EXITED, TIMED_OUT
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private HttpReadiness() {
    }

    /** Polls {@code url} until it answers 200, {@code process} exits or {@code timeout} passes. */
    public static Outcome await(URI url, Process process, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return Outcome.EXITED;
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Outcome.READY;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            ChildProcesses.pauseBetweenPolls(POLL_INTERVAL);
        }
        return Outcome.TIMED_OUT;
    }
}
