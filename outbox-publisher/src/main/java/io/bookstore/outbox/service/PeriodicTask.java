package io.bookstore.outbox.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Background work of the relay's housekeeping (backlog gauges, topic id, pruning) on a Vert.x
 * timer, one run at a time: a slow database or cluster skips ticks instead of piling up runs.
 */
final class PeriodicTask {

    private final Vertx vertx;
    private final Duration interval;
    private final Supplier<Uni<?>> work;
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timerId = -1;

    /** @param onFailure what a failed run says; the next tick tries again either way */
    PeriodicTask(Vertx vertx, Duration interval, Supplier<Uni<?>> work, Consumer<Throwable> onFailure) {
        this.vertx = vertx;
        this.interval = interval;
        this.work = work;
        this.onFailure = onFailure;
    }

    void start() {
        timerId = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> runNow());
    }

    void stop() {
        vertx.cancelTimer(timerId);
    }

    /** One run now, unless one is in flight. */
    void runNow() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        work.get().subscribe().with(
                done -> running.set(false),
                error -> {
                    onFailure.accept(error);
                    running.set(false);
                });
    }
}
