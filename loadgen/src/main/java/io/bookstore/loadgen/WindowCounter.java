package io.bookstore.loadgen;

import java.util.concurrent.atomic.LongAdder;

/** Completions that happen inside a step's measured window, whenever they were scheduled: the achieved rate. */
final class WindowCounter {

    private final StepWindow window;
    private final LongAdder inWindow = new LongAdder();

    WindowCounter(StepWindow window) {
        this.window = window;
    }

    void completedAt(long nanoTime) {
        if (window.isMeasured(nanoTime)) {
            inWindow.increment();
        }
    }

    long count() {
        return inWindow.sum();
    }

    double perSecond() {
        return inWindow.sum() / window.measuredSeconds();
    }
}
