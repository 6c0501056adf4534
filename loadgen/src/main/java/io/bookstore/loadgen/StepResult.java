package io.bookstore.loadgen;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one rate step measured. {@code notes} are the lines printed under the step's
 * table rows; {@code details} the scenario's own figures for result.json.
 */
record StepResult(
        int number,
        double rate,
        Duration warmup,
        Duration duration,
        OpenLoop.ScheduleStats schedule,
        List<MeasureResult> measures,
        Optional<BucketQuantiles.Estimate> publishLag,
        List<String> notes,
        Map<String, Object> details) {

    StepResult {
        measures = List.copyOf(measures);
        notes = List.copyOf(notes);
    }
}
