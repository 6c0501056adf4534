package io.bookstore.loadgen;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole run: the steps and what is needed to repeat and compare it. */
record RunResult(
        String scenario,
        Optional<String> label,
        List<String> commandLine,
        Instant startedAt,
        Map<String, String> options,
        List<String> notices,
        List<StepResult> steps) {

    RunResult {
        commandLine = List.copyOf(commandLine);
        notices = List.copyOf(notices);
        steps = List.copyOf(steps);
    }

    String title() {
        return scenario + label.map(l -> " (" + l + ")").orElse("");
    }
}
