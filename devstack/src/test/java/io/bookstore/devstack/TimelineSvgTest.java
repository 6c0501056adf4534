package io.bookstore.devstack;

import io.bookstore.loadgen.ChaosLoad;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineSvgTest {

    @Test
    void showsEveryAnswerKindPerSecondAndEachFaultAsABand() throws Exception {
        List<ChaosLoad.Checkout> checkouts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ChaosLoad.Answer answer = i % 10 == 3 ? ChaosLoad.Answer.REFUSED_5XX : i % 10 == 7 ? ChaosLoad.Answer.NO_ANSWER
                    : ChaosLoad.Answer.ACCEPTED;
            checkouts.add(new ChaosLoad.Checkout(i, "load-1", "key-" + i, List.of("978-0-13-468599-1"), false, answer,
                    answer == ChaosLoad.Answer.ACCEPTED ? 202 : 503, Optional.empty(), Optional.empty(), i * 500L, i * 500L + 120,
                    1, answer));
        }
        List<FaultInjector.Injected> faults = List.of(
                new FaultInjector.Injected(FaultInjector.Kind.KILL_ORDERS, 10_000, 14_000, "pid 42 <ready>"),
                new FaultInjector.Injected(FaultInjector.Kind.PSP_5XX, 20_000, 28_000, "skipped: the simulator has no PUT /sim/faults (404)"));
        ChaosRun.Settings settings = new ChaosRun.Settings(Path.of("."), Path.of("."), Duration.ofSeconds(30), 2, 7, 3, 0.2,
                Duration.ofMinutes(1), Duration.ofSeconds(30), Map.of(), false, Jit.C1, Duration.ofMinutes(1), List.of(FaultInjector.Kind.values()));

        String svg = TimelineSvg.render(new ChaosLoad.Result(checkouts, 60, 1.5, 0), faults, settings);

        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(5);
        assertThat(svg).contains("accepted (2xx) (48)", "refused 5xx (6)", "no answer (6)", "sent (60)")
                .contains("kill orders", "PSP 5xx (skipped)", "pid 42 &lt;ready&gt;");
    }
}
