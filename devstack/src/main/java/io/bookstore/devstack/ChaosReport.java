package io.bookstore.devstack;

import io.bookstore.loadgen.ChaosLoad;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a chaos run prints and writes to {@code result.json}: the faults, the load's figures, each invariant, the violations. */
final class ChaosReport {

    /** The most violations printed per invariant; {@code result.json} has them all. */
    private static final int PRINTED = 5;

    private final ChaosRun.Settings settings;
    private final Instant startedAt;
    /** The window of checkouts that must all be accepted at their first send for the flow to count as back. */
    static final long FLOW_WINDOW_MILLIS = 3_000;

    private final ChaosLoad.Result load;
    private final List<FaultInjector.Injected> faults;
    private final Map<String, Integer> restarts;
    private final InvariantChecker checker;
    private final Duration drained;
    private final int records;

    ChaosReport(ChaosRun.Settings settings, Instant startedAt, ChaosLoad.Result load, List<FaultInjector.Injected> faults,
                Map<String, Integer> restarts, InvariantChecker checker, Duration drained, int records) {
        this.settings = settings;
        this.startedAt = startedAt;
        this.load = load;
        this.faults = faults;
        this.restarts = restarts;
        this.checker = checker;
        this.drained = drained;
        this.records = records;
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%-30s %8s %8s %8s %8s  %s%n", "fault", "at s", "healed s", "flow s", "refused", "what happened");
        for (FaultInjector.Injected fault : faults) {
            out.printf(Locale.ROOT, "%-30s %8.1f %8.1f %8s %8d  %s%n", fault.kind().title, fault.atMillis() / 1000.0,
                    fault.healedAtMillis() / 1000.0, flowBackAfter(fault).map(ms -> String.format(Locale.ROOT, "%.1f", ms / 1000.0))
                            .orElse("-"), refusedDuring(fault), fault.note());
        }
        out.println("(flow s: from the fault's start until every checkout due in a " + FLOW_WINDOW_MILLIS / 1000
                + " s window was accepted at its first send; refused: checkouts due from its start to 5 s after"
                + " its healing whose first send was refused or unanswered)");
        out.println("supervisor restarts: " + restarts);
        out.println();
        Map<String, Long> answers = answers();
        out.printf(Locale.ROOT, "load: %d checkouts sent, %d accepted (%.1f %%), %d refused 4xx, %d refused 5xx, %d unanswered;"
                + " send lag at most %.0f ms%n", load.sent(), answers.get("accepted"), goodput() * 100, answers.get("refused_4xx"),
                answers.get("refused_5xx"), answers.get("no_answer"), load.maxSendLagMillis());
        out.printf(Locale.ROOT, "      %d accepted at the first send (%.1f %%); %d checkouts sent again (same Idempotency-Key),"
                + " %d sends in all%n", acceptedFirstTime(), (double) acceptedFirstTime() * 100 / Math.max(1, load.sent()),
                retried(), sends());
        out.println("last errors: " + errors());
        List<Long> checkouts = checkoutMillisOutsideFaults();
        List<Long> paid = checker.millisToPaid();
        out.printf(Locale.ROOT, "latency: checkout p50 %s ms, p99 %s ms (%d accepted at their first send, due outside every"
                + " fault's window); checkout -> paid p50 %s s, p99 %s s (%d paid orders, orders' clock)%n",
                percentile(checkouts, 50).map(String::valueOf).orElse("-"), percentile(checkouts, 99).map(String::valueOf).orElse("-"),
                checkouts.size(), percentile(paid, 50).map(ChaosReport::seconds).orElse("-"),
                percentile(paid, 99).map(ChaosReport::seconds).orElse("-"), paid.size());
        out.println();
        out.printf(Locale.ROOT, "%-3s %-88s %-12s %8s %10s%n", "#", "invariant", "verdict", "checked", "violations");
        for (InvariantChecker.Outcome outcome : checker.outcomes()) {
            out.printf(Locale.ROOT, "%-3d %-88s %-12s %8d %10d%n", outcome.number(), outcome.title(), outcome.verdict(),
                    outcome.checked(), outcome.violations());
            if (!outcome.note().isEmpty()) {
                out.println("      " + outcome.note());
            }
            checker.violations().stream().filter(violation -> violation.invariant() == outcome.number()).limit(PRINTED)
                    .forEach(violation -> out.println("      " + violation.subject() + ": " + violation.detail()));
        }
        out.println();
        out.println(checker.violations().isEmpty() ? "All invariants hold."
                : checker.violations().size() + " violations: the invariants marked VIOLATED do not hold.");
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started_at", startedAt.toString());
        json.put("options", ChaosRun.describe(settings));
        Map<String, Long> kinds = new TreeMap<>();
        faults.stream().filter(FaultInjector.Injected::done).forEach(fault -> kinds.merge(fault.kind().key(), 1L, Long::sum));
        List<Map<String, Object>> kindList = new ArrayList<>();
        kinds.forEach((kind, count) -> kindList.add(Map.of("kind", kind, "count", count)));
        json.put("faults", kindList);
        List<Map<String, Object>> schedule = new ArrayList<>();
        for (FaultInjector.Injected fault : faults) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", fault.kind().key());
            entry.put("at_s", fault.atMillis() / 1000.0);
            entry.put("healed_s", fault.healedAtMillis() / 1000.0);
            entry.put("done", fault.done());
            entry.put("refused_or_unanswered", refusedDuring(fault));
            entry.put("flow_back_s", flowBackAfter(fault).map(ms -> ms / 1000.0).orElse(null));
            entry.put("note", fault.note());
            schedule.add(entry);
        }
        json.put("fault_schedule", schedule);
        json.put("supervisor_restarts", restarts);
        Map<String, Object> loadFigures = new LinkedHashMap<>();
        loadFigures.put("sent", load.sent());
        loadFigures.putAll(answers());
        loadFigures.put("goodput", goodput());
        loadFigures.put("accepted_first_send", acceptedFirstTime());
        loadFigures.put("retried", retried());
        loadFigures.put("sends", sends());
        loadFigures.put("max_send_lag_ms", load.maxSendLagMillis());
        loadFigures.put("errors", errors());
        List<Long> checkouts = checkoutMillisOutsideFaults();
        List<Long> paid = checker.millisToPaid();
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("checkouts_outside_faults", checkouts.size());
        latency.put("checkout_p50_ms", percentile(checkouts, 50).orElse(null));
        latency.put("checkout_p99_ms", percentile(checkouts, 99).orElse(null));
        latency.put("paid_orders", paid.size());
        latency.put("to_paid_p50_ms", percentile(paid, 50).orElse(null));
        latency.put("to_paid_p99_ms", percentile(paid, 99).orElse(null));
        loadFigures.put("latency", latency);
        loadFigures.put("drain_s", drained.toMillis() / 1000.0);
        loadFigures.put("topic_records", records);
        json.put("load", loadFigures);
        List<Map<String, Object>> invariants = new ArrayList<>();
        for (InvariantChecker.Outcome outcome : checker.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("number", outcome.number());
            entry.put("invariant", outcome.title());
            entry.put("verdict", outcome.verdict());
            entry.put("checked", outcome.checked());
            entry.put("violations", outcome.violations());
            entry.put("note", outcome.note());
            invariants.add(entry);
        }
        json.put("invariants", invariants);
        List<Map<String, Object>> violations = new ArrayList<>();
        for (InvariantChecker.Violation violation : checker.violations()) {
            violations.add(Map.of("invariant", violation.invariant(), "subject", violation.subject(), "detail", violation.detail()));
        }
        json.put("violations", violations);
        return json;
    }

    /**
     * Checkouts due from the fault's start to 5 s after it healed whose first send was answered 5xx
     * or not at all: what it cost the shoppers (faults close together share their refusals).
     */
    private long refusedDuring(FaultInjector.Injected fault) {
        return load.checkouts().stream()
                .filter(c -> c.firstAnswer() == ChaosLoad.Answer.REFUSED_5XX || c.firstAnswer() == ChaosLoad.Answer.NO_ANSWER)
                .filter(c -> c.sentAtMillis() >= fault.atMillis() && c.sentAtMillis() <= fault.healedAtMillis() + 5_000)
                .count();
    }

    /**
     * How long after the fault's start the checkouts flowed again: the start of the first window
     * of {@link #FLOW_WINDOW_MILLIS} from then on in which checkouts were due and every one was
     * accepted at its first send; empty when none came before the load ended.
     */
    Optional<Long> flowBackAfter(FaultInjector.Injected fault) {
        List<ChaosLoad.Checkout> after = load.checkouts().stream().filter(c -> c.sentAtMillis() >= fault.atMillis())
                .sorted(Comparator.comparingLong(ChaosLoad.Checkout::sentAtMillis)).toList();
        for (int first = 0; first < after.size(); first++) {
            long windowStart = after.get(first).sentAtMillis();
            boolean allAccepted = true;
            int last = first;
            for (; last < after.size() && after.get(last).sentAtMillis() < windowStart + FLOW_WINDOW_MILLIS; last++) {
                if (after.get(last).firstAnswer() != ChaosLoad.Answer.ACCEPTED) {
                    allAccepted = false;
                    first = last;
                    break;
                }
            }
            // A window cut short by the load's end proves nothing.
            boolean windowComplete = last < after.size();
            if (allAccepted && windowComplete) {
                return Optional.of(windowStart - fault.atMillis());
            }
        }
        return Optional.empty();
    }

    /**
     * How long the checkouts accepted at their first send took (due time to answer, so a late send
     * counts), ascending: those due outside every fault's window from its start to its healing,
     * the time issue 17 holds to a budget apart from the dead windows themselves.
     */
    private List<Long> checkoutMillisOutsideFaults() {
        return load.checkouts().stream()
                .filter(c -> c.attempts() == 1 && c.answer() == ChaosLoad.Answer.ACCEPTED)
                .filter(c -> faults.stream().noneMatch(f -> c.sentAtMillis() >= f.atMillis() && c.sentAtMillis() <= f.healedAtMillis()))
                .map(c -> c.answeredAtMillis() - c.sentAtMillis())
                .sorted()
                .toList();
    }

    /**
     * One line per checkout, in the order they were due, for looking closer than the report does:
     * when it was due and answered (ms from the load's start), its sends, its first and last answer,
     * and its order's status and milliseconds from creation to last change in orders' database.
     */
    String checkoutsCsv() {
        StringBuilder csv = new StringBuilder("index,tenant,due_ms,answered_ms,sends,first_answer,answer,status,order_id,order_status,order_settled_ms\n");
        for (ChaosLoad.Checkout checkout : load.checkouts().stream().sorted(Comparator.comparingLong(ChaosLoad.Checkout::index)).toList()) {
            Optional<Map.Entry<String, Long>> order = checkout.orderId().flatMap(checker::statusOf);
            csv.append(checkout.index()).append(',').append(checkout.tenant()).append(',').append(checkout.sentAtMillis()).append(',')
                    .append(checkout.answeredAtMillis()).append(',').append(checkout.attempts()).append(',')
                    .append(checkout.firstAnswer()).append(',').append(checkout.answer()).append(',').append(checkout.status()).append(',')
                    .append(checkout.orderId().orElse("")).append(',').append(order.map(Map.Entry::getKey).orElse("")).append(',')
                    .append(order.map(entry -> String.valueOf(entry.getValue())).orElse("")).append('\n');
        }
        return csv.toString();
    }

    /** The nearest-rank percentile of ascending values; empty when there are none. */
    static Optional<Long> percentile(List<Long> ascending, int percent) {
        if (ascending.isEmpty()) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(percent / 100.0 * ascending.size());
        return Optional.of(ascending.get(Math.max(0, rank - 1)));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private long acceptedFirstTime() {
        return load.checkouts().stream().filter(c -> c.attempts() == 1 && c.answer() == ChaosLoad.Answer.ACCEPTED).count();
    }

    private long retried() {
        return load.checkouts().stream().filter(c -> c.attempts() > 1).count();
    }

    private long sends() {
        return load.checkouts().stream().mapToLong(ChaosLoad.Checkout::attempts).sum();
    }

    private Map<String, Long> answers() {
        Map<String, Long> answers = new LinkedHashMap<>();
        for (ChaosLoad.Answer answer : ChaosLoad.Answer.values()) {
            answers.put(answer.name().toLowerCase(Locale.ROOT), load.checkouts().stream().filter(c -> c.answer() == answer).count());
        }
        return answers;
    }

    private double goodput() {
        return load.sent() == 0 ? 0 : (double) answers().get("accepted") / load.sent();
    }

    private Map<String, Long> errors() {
        Map<String, Long> errors = new TreeMap<>();
        load.checkouts().forEach(checkout -> checkout.error().ifPresent(error -> errors.merge(error, 1L, Long::sum)));
        return errors;
    }
}
