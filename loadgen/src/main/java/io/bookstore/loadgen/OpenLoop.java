package io.bookstore.loadgen;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop schedule: one thread parks until each request's scheduled time and hands
 * it to an action that must not wait for the answer. A slow target therefore never slows
 * the arrivals down, and every latency is taken from the scheduled time, so the queueing
 * a closed loop would hide (coordinated omission) shows in the results. When this thread
 * itself is late it still sends every request (catching up) and records by how much.
 */
final class OpenLoop {

    /** One request of the schedule. */
    record Send(long index, long scheduledTime, boolean measured) {
    }

    /** Fires one request; must return without waiting for it to complete. */
    @FunctionalInterface
    interface Action {
        void fire(Send send);
    }

    /** How well the schedule was kept: requests fired and how late (µs histogram of send lag). */
    record ScheduleStats(long sent, long measuredSent, Histogram sendLagMicros) {

        double maxLagMillis() {
            return sendLagMicros.getTotalCount() == 0 ? 0 : sendLagMicros.getMaxValue() / 1_000.0;
        }

        double p99LagMillis() {
            return sendLagMicros.getTotalCount() == 0 ? 0 : sendLagMicros.getValueAtPercentile(99) / 1_000.0;
        }
    }

    private OpenLoop() {
    }

    /** Runs the whole step on the calling thread; returns at the window's end, after the last request was fired. */
    static ScheduleStats run(StepWindow window, Action action) {
        Histogram lag = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        long sent = 0;
        long measured = 0;
        for (long index = 0; ; index++) {
            long scheduled = window.scheduledTime(index);
            if (scheduled >= window.end()) {
                break;
            }
            long now = parkUntil(scheduled);
            lag.recordValue(Math.min((now - scheduled) / 1_000, lag.getHighestTrackableValue()));
            boolean inWindow = window.isMeasured(scheduled);
            action.fire(new Send(index, scheduled, inWindow));
            sent++;
            if (inWindow) {
                measured++;
            }
        }
        parkUntil(window.end());
        return new ScheduleStats(sent, measured, lag);
    }

    private static long parkUntil(long nanoTime) {
        long now = System.nanoTime();
        while (now < nanoTime) {
            LockSupport.parkNanos(nanoTime - now);
            now = System.nanoTime();
        }
        return now;
    }
}
