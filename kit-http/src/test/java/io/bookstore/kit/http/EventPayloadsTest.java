package io.bookstore.kit.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.bookstore.contracts.events.OrderCreated;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.contracts.events.OrderPaymentFailed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumers read the order events with the same strict mapper as request bodies: every
 * payload the platform produces (orders writes it, the outbox keeps it as jsonb, the
 * publisher sends that text) still reads back as written.
 */
class EventPayloadsTest {

    private static final UUID ORDER = UUID.fromString("6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11");
    private static final Instant AT = Instant.parse("2026-05-20T07:56:12.345678Z");
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("978-0-13-468599-1", 2, 4999), new OrderLine("9780596009205", 1, 3550));

    private final ObjectMapper mapper = serviceMapper();

    /** As Quarkus configures a service's ObjectMapper, with the kit's strict rules. */
    private static ObjectMapper serviceMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new StrictJsonCustomizer().customize(mapper);
        return mapper;
    }

    @Test
    void everyEventOrdersWritesReadsBack() throws Exception {
        OrderCreated created = new OrderCreated(ORDER, "acme", 1, "USD", 13548, "pm_card_visa", LINES, AT);
        OrderPaid paid = new OrderPaid(ORDER, "acme", 2, "pi_3Nk", "USD", 13548, LINES, AT);
        OrderPaymentFailed failed = new OrderPaymentFailed(ORDER, "acme", 2, null, AT);

        assertThat(mapper.readValue(mapper.writeValueAsString(created), OrderCreated.class)).isEqualTo(created);
        assertThat(mapper.readValue(mapper.writeValueAsString(paid), OrderPaid.class)).isEqualTo(paid);
        assertThat(mapper.readValue(mapper.writeValueAsString(failed), OrderPaymentFailed.class)).isEqualTo(failed);
    }

    @Test
    void anEventAsTheOutboxGivesItBackReads() throws Exception {
        // payload::text of a jsonb column: keys reordered, spaces after ':' and ','.
        String fromOutbox = """
                {"lines": [{"qty": 2, "isbn": "978-0-13-468599-1", "unit_price_cents": 4999}], "tenant": "acme", \
                "paid_at": "2026-05-20T07:56:12.345678Z", "version": 2, "currency": "USD", "order_id": \
                "6f1c1e7a-3f0e-4c57-9a43-0d7e4b1a2c11", "payment_id": "pi_3Nk", "total_cents": 9998}""";

        assertThat(mapper.readValue(fromOutbox, OrderPaid.class)).isEqualTo(
                new OrderPaid(ORDER, "acme", 2, "pi_3Nk", "USD", 9998, List.of(LINES.get(0)), AT));
    }
}
