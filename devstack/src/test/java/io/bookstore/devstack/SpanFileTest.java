package io.bookstore.devstack;

import io.bookstore.testkit.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpanFileTest {

    @TempDir
    Path dir;

    @Test
    void findsATracesSpansAndTheLatestCheckoutAcrossWrites() throws Exception {
        SpanFile file = new SpanFile(dir.resolve("spans.jsonl"));
        ReceivedSpan early = WaterfallTest.span("storefront", "a1", "", "POST /api/v2/checkout", ReceivedSpan.KIND_SERVER, 0, 5);
        ReceivedSpan child = WaterfallTest.span("orders", "b2", "a1", "POST /orders", ReceivedSpan.KIND_SERVER, 1, 2);
        ReceivedSpan other = new ReceivedSpan("storefront", "0af7651916cd43dd8448eb211c80319c", "e5", "", "POST /api/v2/checkout",
                ReceivedSpan.KIND_SERVER, 2_000_000_000L, 2_000_000_010L, Map.of("http.route", "/api/v2/checkout"), 0);
        file.append(List.of(early, child));
        file.append(List.of(other));
        file.close();
        // A line cut short by a killed stack does not hide the rest.
        Files.writeString(dir.resolve("spans.jsonl"), "{\"service\":\"orde", StandardOpenOption.APPEND);

        SpanFile reread = new SpanFile(dir.resolve("spans.jsonl"));

        assertThat(reread.trace(early.traceId())).containsExactly(early, child);
        assertThat(reread.latestTrace(span -> span.name().contains("checkout"))).contains(other.traceId());
        assertThat(reread.latestTrace(span -> span.service().equals("nobody"))).isEmpty();
    }
}
