package io.bookstore.devstack;

import io.bookstore.testkit.ReceivedSpan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WaterfallTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void drawsEachSpanUnderItsParentOnTheTracesTimeLine() {
        List<ReceivedSpan> spans = List.of(
                span("storefront", "a1", "", "POST /api/v2/checkout", ReceivedSpan.KIND_SERVER, 0, 100),
                span("orders", "b2", "c3", "POST /orders", ReceivedSpan.KIND_SERVER, 50, 100),
                span("storefront", "c3", "a1", "POST /orders", ReceivedSpan.KIND_CLIENT, 50, 100));

        List<String> lines = Waterfall.render(TRACE, spans).lines().toList();

        assertThat(lines.get(0)).isEqualTo("trace " + TRACE + ": 3 spans, 2 services, 100.0 ms");
        assertThat(lines.get(2)).startsWith("|########################################|").contains("100.0 ms")
                .contains("storefront").contains("POST /api/v2/checkout (server)").endsWith(" -");
        assertThat(lines.get(3)).startsWith("|                    ####################|").contains("  POST /orders (client)")
                .endsWith("storefront: POST /api/v2/checkout");
        assertThat(lines.get(4)).contains("orders").contains("    POST /orders (server)").endsWith("storefront: POST /orders");
        assertThat(lines).hasSize(5);
    }

    @Test
    void saysWhenAParentNeverArrived() {
        List<ReceivedSpan> spans = List.of(span("catalog", "d4", "ffff", "GET /catalog/items", ReceivedSpan.KIND_SERVER, 0, 10));

        String waterfall = Waterfall.render(TRACE, spans);

        assertThat(waterfall).contains("(0 roots, 1 spans whose parent was not received)").contains("missing ffff");
    }

    @Test
    void saysWhenNothingArrived() {
        assertThat(Waterfall.render(TRACE, List.of())).isEqualTo("trace " + TRACE + ": no spans received (yet)\n");
    }

    static ReceivedSpan span(String service, String id, String parent, String name, int kind, long startMillis, long endMillis) {
        return new ReceivedSpan(service, TRACE, id, parent, name, kind, 1_000_000_000L + startMillis * 1_000_000,
                1_000_000_000L + endMillis * 1_000_000, Map.of(), 0);
    }
}
