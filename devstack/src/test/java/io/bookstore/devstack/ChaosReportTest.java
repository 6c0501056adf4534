package io.bookstore.devstack;

import io.bookstore.loadgen.ChaosLoad;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChaosReportTest {

    private static final ChaosRun.Settings SETTINGS = new ChaosRun.Settings(Path.of("."), Path.of("."), Duration.ofSeconds(60), 10,
            7, 3, 0.2, Duration.ofMinutes(1), Duration.ofSeconds(30), Map.of(), false, Jit.C1, Duration.ofMinutes(1),
            List.of(FaultInjector.Kind.values()));

    private static final List<FaultInjector.Injected> FAULTS = List.of(
            new FaultInjector.Injected(FaultInjector.Kind.KILL_ORDERS, 20_000, 24_000, "pid 42, ready again after 4000 ms"),
            new FaultInjector.Injected(FaultInjector.Kind.PSP_5XX, 40_000, 48_000, "{\"error_rate\":0.5}"),
            new FaultInjector.Injected(FaultInjector.Kind.PSP_LATENCY, 58_000, 59_000, "{\"latency_ms\":3000}"));

    /** Ten checkouts a second for 60 s; those due from 20 s to 26.5 s refused at their first send and accepted on a retry. */
    private static ChaosReport reportOfARefusalFrom20To26s() {
        List<ChaosLoad.Checkout> checkouts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long due = i * 100L;
            boolean refusedFirst = due >= 20_000 && due < 26_500;
            checkouts.add(new ChaosLoad.Checkout(i, "load-1", "key-" + i, List.of("9780131103627"), false, ChaosLoad.Answer.ACCEPTED,
                    202, Optional.of("order-" + i), Optional.empty(), due, due + (refusedFirst ? 3_000 : 50), refusedFirst ? 2 : 1,
                    refusedFirst ? ChaosLoad.Answer.REFUSED_5XX : ChaosLoad.Answer.ACCEPTED));
        }
        return new ChaosReport(SETTINGS, Instant.EPOCH, new ChaosLoad.Result(checkouts, 600, 1.0, 0), FAULTS, Map.of(),
                new InvariantChecker(), Duration.ofSeconds(5), 1200);
    }

    @Test
    void theFlowIsBackWhenAFullWindowOfCheckoutsIsAcceptedAtTheFirstSend() {
        ChaosReport report = reportOfARefusalFrom20To26s();

        assertThat(report.flowBackAfter(FAULTS.get(0))).contains(6_500L);
        assertThat(report.flowBackAfter(FAULTS.get(1))).contains(0L);
        // Less than a window of load after it: not known.
        assertThat(report.flowBackAfter(FAULTS.get(2))).isEmpty();
    }

    @Test
    void retriesAreCountedAndEachFaultNamesTheCheckoutsRefusedAtTheirFirstSend() {
        ChaosReport report = reportOfARefusalFrom20To26s();

        @SuppressWarnings("unchecked")
        Map<String, Object> load = (Map<String, Object>) report.json().get("load");
        assertThat(load).containsEntry("accepted", 600L).containsEntry("accepted_first_send", 535L).containsEntry("retried", 65L)
                .containsEntry("sends", 665L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> schedule = (List<Map<String, Object>>) report.json().get("fault_schedule");
        assertThat(schedule.get(0)).containsEntry("refused_or_unanswered", 65L).containsEntry("flow_back_s", 6.5);
    }

    @Test
    void theCheckoutLatencyLeavesOutTheCheckoutsDueInAFaultsWindowAndThoseRetried() {
        List<ChaosLoad.Checkout> checkouts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            long due = i * 200L;
            boolean inKillWindow = due >= 20_000 && due <= 24_000;
            boolean retried = i % 50 == 7;
            // 1..100 ms, but 10 s in the orders kill's window and 20 s for a retried one.
            long latency = inKillWindow ? 10_000 : retried ? 20_000 : 1 + i % 100;
            checkouts.add(new ChaosLoad.Checkout(i, "load-1", "key-" + i, List.of("9780131103627"), false, ChaosLoad.Answer.ACCEPTED,
                    202, Optional.of("order-" + i), Optional.empty(), due, due + latency, retried ? 2 : 1,
                    retried ? ChaosLoad.Answer.REFUSED_5XX : ChaosLoad.Answer.ACCEPTED));
        }
        ChaosReport report = new ChaosReport(SETTINGS, Instant.EPOCH, new ChaosLoad.Result(checkouts, 300, 1.0, 0), FAULTS, Map.of(),
                new InvariantChecker(), Duration.ofSeconds(5), 600);

        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) ((Map<String, Object>) report.json().get("load")).get("latency");
        // 300 less those due in the three faults' windows (21, 41 and 6) and 4 retried outside them: the 10 s and 20 s are left out.
        assertThat(latency).containsEntry("checkouts_outside_faults", 228).containsEntry("checkout_p50_ms", 60L)
                .containsEntry("checkout_p99_ms", 100L)
                .containsEntry("paid_orders", 0).containsEntry("to_paid_p99_ms", null);
    }

    @Test
    void theCheckoutsCsvHasALinePerCheckoutInTheOrderTheyWereDue() {
        String[] lines = reportOfARefusalFrom20To26s().checkoutsCsv().split("\n");

        assertThat(lines).hasSize(601);
        assertThat(lines[0]).isEqualTo("index,tenant,due_ms,answered_ms,sends,first_answer,answer,status,order_id,order_status,order_settled_ms");
        assertThat(lines[1]).isEqualTo("0,load-1,0,50,1,ACCEPTED,ACCEPTED,202,order-0,,");
        // Due at 20 s, refused at its first send, accepted at its second; orders' database not read in this test.
        assertThat(lines[201]).isEqualTo("200,load-1,20000,23000,2,REFUSED_5XX,ACCEPTED,202,order-200,,");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> values = List.of(10L, 20L, 30L, 40L);

        assertThat(ChaosReport.percentile(values, 50)).contains(20L);
        assertThat(ChaosReport.percentile(values, 99)).contains(40L);
        assertThat(ChaosReport.percentile(List.of(), 99)).isEmpty();
    }
}
