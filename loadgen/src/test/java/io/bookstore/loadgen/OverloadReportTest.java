package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.bookstore.loadgen.OverloadReport.Outcome;
import io.bookstore.loadgen.OverloadReport.Phase;
import io.bookstore.loadgen.OverloadReport.Sample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OverloadReportTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** Baseline 10/s for 4 s, overload 30/s for 4 s, after 10/s for 4 s, from t = 0. */
    private static final List<Phase> PHASES = List.of(
            new Phase("baseline", 10, 0, 4 * SECOND),
            new Phase("overload", 30, 4 * SECOND, 8 * SECOND),
            new Phase("after", 10, 8 * SECOND, 12 * SECOND));

    private final List<Sample> samples = new ArrayList<>();

    /** {@code perSecond} checkouts in each second of [from, to), each answered after {@code latencyMs}. */
    private void load(int from, int to, int perSecond, Outcome outcome, long latencyMs) {
        for (int second = from; second < to; second++) {
            for (int i = 0; i < perSecond; i++) {
                long scheduled = second * SECOND + i * (SECOND / perSecond);
                samples.add(new Sample(scheduled, scheduled + latencyMs * MS, outcome,
                        outcome == Outcome.FAILED ? "timeout" : ""));
            }
        }
    }

    @Test
    void goodputShedRateAndLatenciesPerPhase() {
        load(0, 4, 10, Outcome.ACCEPTED, 20);
        load(4, 8, 9, Outcome.ACCEPTED, 100);
        load(4, 8, 20, Outcome.SHED, 2);
        load(4, 8, 1, Outcome.FAILED, 10_000);
        load(8, 12, 10, Outcome.ACCEPTED, 20);

        OverloadReport.Result result = OverloadReport.of(PHASES, samples, 1.5);

        OverloadReport.Figures overload = result.phases().get(1);
        assertThat(overload.sent()).isEqualTo(120);
        assertThat(overload.goodputPerSecond()).isEqualTo(9);
        assertThat(overload.shedPerSecond()).isEqualTo(20);
        assertThat(overload.shedShare()).isCloseTo(20.0 / 30, within(1e-9));
        assertThat(overload.failed()).isEqualTo(4);
        assertThat(overload.errors()).isEqualTo(Map.of("timeout", 4L));
        assertThat(overload.acceptedMillisAt(99).getAsDouble()).isCloseTo(100, within(0.1));
        assertThat(overload.shedMillisAt(99).getAsDouble()).isCloseTo(2, within(0.01));
        assertThat(result.overloadGoodputShare()).isCloseTo(0.9, within(1e-9));
        assertThat(result.phases().get(0).shedMillisAt(99)).isEmpty();
        assertThat(result.seconds()).hasSize(12);
        assertThat(result.seconds().get(5).name()).isEqualTo("5");
        assertThat(result.seconds().get(5).sent()).isEqualTo(30);
    }

    @Test
    void aSystemThatNeverNoticedTheDropRecoversAtOnce() {
        load(0, 4, 10, Outcome.ACCEPTED, 20);
        load(4, 8, 10, Outcome.ACCEPTED, 200);
        load(8, 12, 10, Outcome.ACCEPTED, 25);

        OverloadReport.Result result = OverloadReport.of(PHASES, samples, 1.5);

        assertThat(result.recoveryP99Millis().getAsDouble()).isCloseTo(30, within(0.1));
        assertThat(result.recoverySeconds()).contains(0.0);
    }

    @Test
    void recoveryIsTheStartOfTheFirstSecondAfterWhichEverySecondIsHealthy() {
        load(0, 4, 10, Outcome.ACCEPTED, 20);
        load(4, 8, 10, Outcome.ACCEPTED, 200);
        // After the drop: slow, then a lucky fast second, a refusal, then healthy for good.
        load(8, 9, 10, Outcome.ACCEPTED, 500);
        load(9, 10, 10, Outcome.ACCEPTED, 20);
        load(10, 11, 9, Outcome.ACCEPTED, 20);
        load(10, 11, 1, Outcome.SHED, 1);
        load(11, 12, 10, Outcome.ACCEPTED, 29);

        OverloadReport.Result result = OverloadReport.of(PHASES, samples, 1.5);

        assertThat(result.recoverySeconds()).contains(3.0);
    }

    @Test
    void aRunThatEndsUnhealthyHasNotRecovered() {
        load(0, 4, 10, Outcome.ACCEPTED, 20);
        load(4, 12, 10, Outcome.ACCEPTED, 20);
        samples.add(new Sample(11 * SECOND + 500 * MS, 11 * SECOND + 900 * MS, Outcome.ACCEPTED, ""));

        OverloadReport.Result result = OverloadReport.of(PHASES, samples, 1.5);

        assertThat(result.recoverySeconds()).isEmpty();
        assertThat(OverloadReport.table(result)).contains("recovery: not within the phase after the drop");
    }

    @Test
    void resultJsonCarriesTheVerdictsAndTheTimeline() {
        load(0, 4, 10, Outcome.ACCEPTED, 20);
        load(4, 8, 8, Outcome.ACCEPTED, 50);
        load(4, 8, 22, Outcome.SHED, 3);
        load(8, 12, 10, Outcome.ACCEPTED, 20);

        JsonNode json = OverloadReport.json(OverloadReport.of(PHASES, samples, 1.5), List.of("loadgen", "overload"), Map.of("rate", "10"));

        assertThat(json.path("overload_goodput_share").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(json.path("recovery_seconds").asDouble()).isEqualTo(0.0);
        assertThat(json.path("phases")).hasSize(3);
        assertThat(json.path("phases").get(1).path("shed_per_second").asDouble()).isEqualTo(22);
        assertThat(json.path("phases").get(1).path("refusal_p50_ms").asDouble()).isCloseTo(3, within(0.01));
        assertThat(json.path("phases").get(1).path("refusal_p99_ms").asDouble()).isCloseTo(3, within(0.01));
        assertThat(json.path("phases").get(0).path("refusal_p99_ms").isNull()).isTrue();
        assertThat(json.path("seconds")).hasSize(12);
        assertThat(json.path("command_line").get(1).asText()).isEqualTo("overload");
    }
}
