package io.bookstore.loadgen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures of an overload run, from every checkout's scheduled time, answer time and outcome:
 * per phase the goodput (2xx per second, of the checkouts scheduled in the phase), the shed rate
 * (503 {@code overloaded}), the latency of the accepted checkouts and of the refusals; per second
 * the same as a timeline; and the recovery time after the load drops.
 * <p>
 * <b>Recovery</b>: the seconds after the drop (the start of the last phase) are judged one by
 * one, by the checkouts scheduled in them. A second is healthy when every checkout in it was
 * accepted (none shed, none failed or unanswered) and their p99 is at most {@code recoveryFactor}
 * times the first phase's p99. The recovery time is the start of the first second from which
 * every second to the end of the phase is healthy: 0 when the system never noticed the drop, and
 * none when the phase ends unhealthy.
 */
final class OverloadReport {

    /** How a checkout ended. */
    enum Outcome {
        /** 2xx with an order. */
        ACCEPTED,
        /** 503 {@code urn:bookstore:problem:overloaded}: refused by admission control. */
        SHED,
        /** Anything else: another status, a timeout, no connection. */
        FAILED
    }

    static final String SHED_TYPE = "urn:bookstore:problem:overloaded";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One checkout; {@code errorKind} names a failure, empty otherwise. */
    record Sample(long scheduledNanos, long answeredNanos, Outcome outcome, String errorKind) {

        long latencyMicros() {
            return Math.max(0, (answeredNanos - scheduledNanos) / 1_000);
        }
    }

    /** A phase of the schedule on the {@link System#nanoTime()} clock: [start, end). */
    record Phase(String name, double rate, long startNanos, long endNanos) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        boolean holds(long nanoTime) {
            return nanoTime >= startNanos && nanoTime < endNanos;
        }
    }

    /** The figures of a phase, or of one second of the timeline. */
    record Figures(String name, double offeredPerSecond, long sent, long accepted, long shed, long failed,
                   double goodputPerSecond, double shedPerSecond, Histogram acceptedMicros, Histogram shedMicros,
                   Map<String, Long> errors) {

        double shedShare() {
            return sent == 0 ? 0 : (double) shed / sent;
        }

        OptionalDouble acceptedMillisAt(double percentile) {
            return millisAt(acceptedMicros, percentile);
        }

        OptionalDouble shedMillisAt(double percentile) {
            return millisAt(shedMicros, percentile);
        }

        private static OptionalDouble millisAt(Histogram histogram, double percentile) {
            return histogram.getTotalCount() == 0
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(histogram.getValueAtPercentile(percentile) / 1_000.0);
        }
    }

    /**
     * @param capacity the rate the machine serves (the first phase's rate): goodput is judged against it
     * @param recoveryP99Millis the p99 a second after the drop must be under: the first phase's p99 × the factor
     * @param recoverySeconds from the drop to the first second of lasting health; empty when the run ended unhealthy
     */
    record Result(double capacity, List<Figures> phases, List<Figures> seconds, double recoveryFactor,
                  OptionalDouble recoveryP99Millis, Optional<Double> recoverySeconds) {

        /** The goodput of the phase with the highest offered rate, as a share of the capacity. */
        double overloadGoodputShare() {
            Figures overload = phases.stream().max((a, b) -> Double.compare(a.offeredPerSecond(), b.offeredPerSecond())).orElseThrow();
            return overload.goodputPerSecond() / capacity;
        }
    }

    private OverloadReport() {
    }

    /** {@code phases} in order; the first is the baseline, the last the one after the drop. */
    static Result of(List<Phase> phases, List<Sample> samples, double recoveryFactor) {
        if (phases.size() < 2) {
            throw new IllegalArgumentException("an overload run has a baseline and a phase after it");
        }
        List<Figures> phaseFigures = new ArrayList<>();
        for (Phase phase : phases) {
            phaseFigures.add(figures(phase.name(), phase.startNanos(), phase.endNanos(), phase.rate(), samples));
        }
        Phase first = phases.get(0);
        OptionalDouble baselineP99 = phaseFigures.get(0).acceptedMillisAt(99);
        OptionalDouble limit = baselineP99.isPresent()
                ? OptionalDouble.of(baselineP99.getAsDouble() * recoveryFactor)
                : OptionalDouble.empty();
        List<Figures> seconds = new ArrayList<>();
        Optional<Double> recoveredAt = Optional.empty();
        for (Phase phase : phases) {
            boolean afterDrop = phase == phases.get(phases.size() - 1);
            for (long start = phase.startNanos(); start < phase.endNanos(); start += 1_000_000_000L) {
                long end = Math.min(start + 1_000_000_000L, phase.endNanos());
                Figures second = figures(Long.toString((start - first.startNanos()) / 1_000_000_000L), start, end, phase.rate(), samples);
                seconds.add(second);
                if (afterDrop && limit.isPresent()) {
                    if (!healthy(second, limit.getAsDouble())) {
                        recoveredAt = Optional.empty();
                    } else if (recoveredAt.isEmpty()) {
                        recoveredAt = Optional.of((start - phase.startNanos()) / 1e9);
                    }
                }
            }
        }
        return new Result(first.rate(), phaseFigures, seconds, recoveryFactor, limit, recoveredAt);
    }

    private static final String ROW = "%-9s %9s %9s %8s %8s %7s %7s %9s %9s %9s %13s %13s%n";

    /** The stdout table: a row per phase, then the verdict lines. */
    static String table(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, ROW, "phase", "offered/s", "goodput/s", "shed/s", "shed %", "failed", "sent",
                "p50 ms", "p99 ms", "max ms", "refusal p50 ms", "refusal p99 ms"));
        for (Figures phase : result.phases()) {
            out.append(String.format(Locale.ROOT, ROW, phase.name(), Report.rate(phase.offeredPerSecond()),
                    String.format(Locale.ROOT, "%.1f", phase.goodputPerSecond()),
                    String.format(Locale.ROOT, "%.1f", phase.shedPerSecond()),
                    String.format(Locale.ROOT, "%.1f", 100 * phase.shedShare()), phase.failed(), phase.sent(),
                    ms(phase.acceptedMillisAt(50)), ms(phase.acceptedMillisAt(99)), ms(phase.acceptedMillisAt(100)),
                    ms(phase.shedMillisAt(50)), ms(phase.shedMillisAt(99))));
            if (!phase.errors().isEmpty()) {
                out.append("    failures of ").append(phase.name()).append(": ").append(Report.errors(phase.errors())).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "goodput under overload: %.0f %% of the capacity (%s/s, the baseline rate)%n",
                100 * result.overloadGoodputShare(), Report.rate(result.capacity())));
        out.append(result.recoveryP99Millis().isEmpty()
                ? "recovery: not judged, no checkout of the baseline was accepted\n"
                : String.format(Locale.ROOT, "recovery: %s after the drop (every later second all accepted, p99 <= %s ms = %s x baseline p99)%n",
                        result.recoverySeconds().map(s -> String.format(Locale.ROOT, "%.0f s", s)).orElse("not within the phase"),
                        Report.ms(result.recoveryP99Millis().getAsDouble()), Double.toString(result.recoveryFactor())));
        return out.toString();
    }

    /** result.json: the options, the phases and the timeline of one-second figures. */
    static ObjectNode json(Result result, List<String> commandLine, Map<String, String> options) {
        ObjectNode root = JSON.createObjectNode();
        root.put("scenario", OverloadScenario.NAME);
        commandLine.forEach(root.putArray("command_line")::add);
        options.forEach(root.putObject("options")::put);
        root.put("machine_cores", Runtime.getRuntime().availableProcessors());
        root.put("latency_unit", "ms, from the scheduled send time (open loop)");
        root.put("capacity_per_second", result.capacity());
        root.put("overload_goodput_share", result.overloadGoodputShare());
        result.recoveryP99Millis().ifPresent(limit -> root.put("recovery_p99_limit_ms", limit));
        if (result.recoverySeconds().isPresent()) {
            root.put("recovery_seconds", result.recoverySeconds().get());
        } else {
            root.putNull("recovery_seconds");
        }
        result.phases().forEach(phase -> root.withArray("phases").add(figures(phase)));
        result.seconds().forEach(second -> root.withArray("seconds").add(figures(second)));
        return root;
    }

    private static ObjectNode figures(Figures figures) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", figures.name());
        node.put("offered_per_second", figures.offeredPerSecond());
        node.put("sent", figures.sent());
        node.put("accepted", figures.accepted());
        node.put("shed", figures.shed());
        node.put("failed", figures.failed());
        node.put("goodput_per_second", figures.goodputPerSecond());
        node.put("shed_per_second", figures.shedPerSecond());
        putMillis(node, "p50_ms", figures.acceptedMillisAt(50));
        putMillis(node, "p99_ms", figures.acceptedMillisAt(99));
        putMillis(node, "max_ms", figures.acceptedMillisAt(100));
        putMillis(node, "refusal_p50_ms", figures.shedMillisAt(50));
        putMillis(node, "refusal_p99_ms", figures.shedMillisAt(99));
        figures.errors().forEach(node.putObject("errors")::put);
        return node;
    }

    private static void putMillis(ObjectNode node, String field, OptionalDouble millis) {
        if (millis.isPresent()) {
            node.put(field, millis.getAsDouble());
        } else {
            node.putNull(field);
        }
    }

    private static String ms(OptionalDouble millis) {
        return millis.isPresent() ? Report.ms(millis.getAsDouble()) : "-";
    }

    private static boolean healthy(Figures second, double p99LimitMillis) {
        return second.shed() == 0 && second.failed() == 0
                && second.acceptedMillisAt(99).orElse(0) <= p99LimitMillis;
    }

    private static Figures figures(String name, long start, long end, double rate, List<Sample> samples) {
        Histogram accepted = LatencyRecorder.newHistogram();
        Histogram shed = LatencyRecorder.newHistogram();
        ErrorTally errors = new ErrorTally();
        long sent = 0;
        long failed = 0;
        for (Sample sample : samples) {
            if (sample.scheduledNanos() < start || sample.scheduledNanos() >= end) {
                continue;
            }
            sent++;
            long micros = Math.min(sample.latencyMicros(), LatencyRecorder.HIGHEST_MICROS);
            switch (sample.outcome()) {
                case ACCEPTED -> accepted.recordValue(micros);
                case SHED -> shed.recordValue(micros);
                case FAILED -> {
                    failed++;
                    errors.add(sample.errorKind());
                }
            }
        }
        double seconds = (end - start) / 1e9;
        return new Figures(name, rate, sent, accepted.getTotalCount(), shed.getTotalCount(), failed,
                accepted.getTotalCount() / seconds, shed.getTotalCount() / seconds, accepted, shed, errors.snapshot());
    }
}
