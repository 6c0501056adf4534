package io.bookstore.outbox.service;

import io.bookstore.outbox.config.OutboxConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Whether a relay can publish, judged by its own sends rather than by asking the cluster: a
 * broker that answers an admin client may still refuse every record (topic missing or
 * leaderless, too few in-sync replicas), and a broken producer reaches no broker at all.
 * The relay cannot publish once every send for {@code readiness.failing-for} has failed for a
 * passing reason with no acknowledgement between; the next acknowledgement ends that.
 *
 * <p>A failure stops counting when no send has been tried for longer than a failing row
 * waits between two tries (its back-off, at most {@code backoff.max}, then a claim and a send,
 * shorter than the lease): a replica whose rows another replica published meanwhile has
 * nothing to send and no evidence that it cannot.
 *
 * <p>The bean is the application relay's; another relay in the same process gets its own.
 */
@Singleton
public class PublishHealth {

    private final Duration failingFor;
    private final Duration memory;
    /** The failures since the last acknowledgement; null when the last send was acknowledged. */
    private volatile Streak streak;

    @Inject
    public PublishHealth(OutboxConfig config) {
        this(config.readiness().failingFor(),
                config.readiness().failingFor().plus(config.backoff().max()).plus(config.lease()));
    }

    /** @param memory how long after the latest failure, with no send since, it stops counting */
    PublishHealth(Duration failingFor, Duration memory) {
        this.failingFor = failingFor;
        this.memory = memory;
    }

    /** At least one send was acknowledged. */
    public void published() {
        streak = null;
    }

    /** Sends failed for a passing reason and none was acknowledged. */
    public void failed(String error) {
        long now = System.nanoTime();
        Streak current = streak;
        streak = new Streak(current == null ? now : current.sinceNanos(), now, error);
    }

    public Status status() {
        Streak current = streak;
        long now = System.nanoTime();
        if (current == null || now - current.lastNanos() > memory.toNanos()) {
            return new Status(true, Duration.ZERO, null);
        }
        Duration failing = Duration.ofNanos(now - current.sinceNanos());
        return new Status(failing.compareTo(failingFor) < 0, failing, current.error());
    }

    /**
     * @param failingFor how long sends have failed with no acknowledgement, zero when they do not
     * @param lastError  the latest failure of that streak, null when there is none
     */
    public record Status(boolean canPublish, Duration failingFor, String lastError) {
    }

    private record Streak(long sinceNanos, long lastNanos, String error) {
    }
}
