package io.bookstore.loadgen;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One rate step of the outbox scenario: inserts events on the writer pool and matches the
 * records the listener receives to them by {@code ce_id}.
 */
final class OutboxStep {

    static final String INSERT = "insert";
    static final String COMMIT_TO_CONSUME = "commit→consume";

    /**
     * "Keeps up": at least this share of the expected events arrived inside the window, and
     * the backlog grew by no more than the rest, or than one second of events (the
     * publisher's default poll interval, which makes the backlog swing without --notify).
     */
    static final double KEEP_UP_SHARE = 0.95;

    private record Committed(long committedAt, boolean measured) {
    }

    private final StepWindow window;
    private final ExecutorService executor;
    private final BlockingQueue<OutboxWriter> writers;
    private final int tenants;
    private final boolean notify;

    private final LatencyRecorder inserted = new LatencyRecorder();
    private final LatencyRecorder insertedWarmup = new LatencyRecorder();
    private final LatencyRecorder consumed = new LatencyRecorder();
    private final LatencyRecorder consumedWarmup = new LatencyRecorder();
    private final ErrorTally insertErrors = new ErrorTally();
    private final ErrorTally warmupErrors = new ErrorTally();
    private final ErrorTally consumeErrors = new ErrorTally();
    private final ErrorTally notifyErrors = new ErrorTally();
    private final WindowCounter commitsInWindow;
    private final WindowCounter receiptsInWindow;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();

    // Guarded by this: committed events not yet received, and receipts that beat their commit's bookkeeping.
    private final Map<UUID, Committed> awaiting = new HashMap<>();
    private final Map<UUID, Long> early = new HashMap<>();
    private long committedCount;
    private long receivedCount;

    private volatile long backlogAtMeasureStart = -1;

    OutboxStep(StepWindow window, ExecutorService executor, BlockingQueue<OutboxWriter> writers, int tenants, boolean notify) {
        this.window = window;
        this.executor = executor;
        this.writers = writers;
        this.tenants = tenants;
        this.notify = notify;
        this.commitsInWindow = new WindowCounter(window);
        this.receiptsInWindow = new WindowCounter(window);
    }

    void fire(OpenLoop.Send send) {
        if (send.measured() && backlogAtMeasureStart < 0) {
            backlogAtMeasureStart = backlog();
        }
        queued.incrementAndGet();
        waiting.incrementAndGet();
        // When every connection is busy the task waits in the executor's queue; its latency still runs from the schedule.
        executor.execute(() -> {
            waiting.decrementAndGet();
            try {
                insert(send);
            } finally {
                queued.decrementAndGet();
            }
        });
    }

    private void insert(OpenLoop.Send send) {
        UUID eventId = UUID.randomUUID();
        OutboxWriter writer;
        try {
            writer = writers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            long committedAt;
            try {
                committedAt = writer.insert(eventId, CheckoutPlanner.tenant(send.index(), tenants));
            } catch (SQLException e) {
                (send.measured() ? insertErrors : warmupErrors).add(ErrorKinds.of(e));
                return;
            }
            (send.measured() ? inserted : insertedWarmup).record(send.scheduledTime(), committedAt);
            commitsInWindow.completedAt(committedAt);
            committed(eventId, new Committed(committedAt, send.measured()));
            if (notify) {
                try {
                    writer.notifyPublisher();
                } catch (SQLException e) {
                    notifyErrors.add(ErrorKinds.of(e));
                }
            }
        } finally {
            writers.add(writer);
        }
    }

    private void committed(UUID eventId, Committed event) {
        Long receivedAt;
        synchronized (this) {
            committedCount++;
            receivedAt = early.remove(eventId);
            if (receivedAt == null) {
                awaiting.put(eventId, event);
                return;
            }
            receivedCount++;
        }
        received(event, receivedAt);
    }

    /** A record from the topic; records this step did not write are ignored. */
    void onRecord(UUID eventId, long receivedAt) {
        Committed event;
        synchronized (this) {
            event = awaiting.remove(eventId);
            if (event == null) {
                early.put(eventId, receivedAt);
                return;
            }
            receivedCount++;
        }
        received(event, receivedAt);
    }

    private void received(Committed event, long receivedAt) {
        receiptsInWindow.completedAt(receivedAt);
        (event.measured() ? consumed : consumedWarmup).record(event.committedAt(), receivedAt);
    }

    private synchronized long backlog() {
        return committedCount - receivedCount;
    }

    private synchronized long measuredAwaiting() {
        return awaiting.values().stream().filter(Committed::measured).count();
    }

    StepResult finish(int number, Duration warmup, Duration duration, OpenLoop.ScheduleStats schedule,
            PublishLagProbe lag, Duration timeout) throws InterruptedException {
        long backlogAtEnd = backlog();
        long waitingAtEnd = waiting.get();
        long deadline = window.end() + timeout.toNanos();
        while (queued.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Long drainedAfterNanos = null;
        while (System.nanoTime() < deadline) {
            if (queued.get() == 0 && backlog() == 0) {
                drainedAfterNanos = Math.max(0, System.nanoTime() - window.end());
                break;
            }
            Thread.sleep(5);
        }
        long notReceived = measuredAwaiting();
        consumeErrors.add("not received within " + Durations.format(timeout) + " after the step", notReceived);
        long stillQueued = queued.get();
        insertErrors.add("insert not done within " + Durations.format(timeout) + " after the step", stillQueued);
        Optional<BucketQuantiles.Estimate> publishLag = lag.finish();

        MeasureResult insert = new MeasureResult(INSERT, inserted.snapshot(), insertedWarmup.snapshot(),
                commitsInWindow.perSecond(), insertErrors.snapshot());
        MeasureResult consume = new MeasureResult(COMMIT_TO_CONSUME, consumed.snapshot(), consumedWarmup.snapshot(),
                receiptsInWindow.perSecond(), consumeErrors.snapshot());

        long expected = window.expectedMeasured();
        long receivedInWindow = receiptsInWindow.count();
        double share = expected == 0 ? 1 : (double) receivedInWindow / expected;
        long growth = backlogAtEnd - Math.max(0, backlogAtMeasureStart);
        long allowedGrowth = Math.max(1, Math.max(Math.round(expected * (1 - KEEP_UP_SHARE)), Math.round(window.rate())));
        boolean keepsUp = share >= KEEP_UP_SHARE && growth <= allowedGrowth;
        String verdict = keepsUp ? "keeps up" : "falls behind (backlog " + backlogAtEnd + ")";

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("verdict", verdict);
        details.put("keeps_up", keepsUp);
        details.put("expected_in_window", expected);
        details.put("received_in_window", receivedInWindow);
        details.put("received_share", share);
        details.put("backlog_at_measure_start", Math.max(0, backlogAtMeasureStart));
        details.put("backlog_at_end", backlogAtEnd);
        details.put("inserts_waiting_at_end", waitingAtEnd);
        details.put("committed", committedCount());
        details.put("received", receivedCount());
        details.put("not_received", notReceived);
        details.put("drained_after_s", drainedAfterNanos == null ? null : drainedAfterNanos / 1e9);
        details.put("notify", notify);
        details.put("notify_errors", notifyErrors.snapshot());
        details.put("warmup_errors", warmupErrors.snapshot());

        List<String> notes = new ArrayList<>();
        notes.add(String.format("verdict: %s — received %d of %d expected in the window (%.1f%%), backlog %d at the window's start,"
                        + " %d at the end", verdict, receivedInWindow, expected, share * 100, Math.max(0, backlogAtMeasureStart), backlogAtEnd));
        notes.add(drainedAfterNanos == null
                ? String.format("not drained within %s: %d committed events never arrived", Durations.format(timeout), backlog())
                : String.format("drained %s ms after the step: all %d committed events received",
                        Report.ms(drainedAfterNanos / 1e6), committedCount()));
        if (insert.achievedPerSecond() < window.rate() * KEEP_UP_SHARE) {
            notes.add(String.format("inserts reached only %s/s of %s/s: the database or --connections limits this step, not the relay",
                    Report.rate(insert.achievedPerSecond()), Report.rate(window.rate())));
        }
        if (waitingAtEnd > 0) {
            notes.add(waitingAtEnd + " inserts were still waiting for a connection when the step ended");
        }
        if (!notifyErrors.snapshot().isEmpty()) {
            notes.add("pg_notify failed: " + notifyErrors.snapshot());
        }
        return new StepResult(number, window.rate(), warmup, duration, schedule, List.of(insert, consume), publishLag, notes, details);
    }

    private synchronized long committedCount() {
        return committedCount;
    }

    private synchronized long receivedCount() {
        return receivedCount;
    }
}
