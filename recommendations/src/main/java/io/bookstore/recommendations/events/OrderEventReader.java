package io.bookstore.recommendations.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.CloudEventHeaders;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.Tenants;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.recommendations.domain.Purchase;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a record of {@code bookstore.orders.v1} (CloudEvents binary mode) into an
 * {@link OrderEvent}, or fails with {@link PoisonEventException} saying what is wrong with it.
 * Only {@code order.paid} is read past its type: other types belong to other consumers.
 */
@ApplicationScoped
public class OrderEventReader {

    /** UUID.fromString alone would also accept short groups such as "1-2-3-4-5". */
    private static final Pattern UUID_TEXT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final ObjectReader orderPaid;

    public OrderEventReader(ObjectMapper mapper) {
        // 1.5 copies is a broken event, not one copy.
        this.orderPaid = mapper.readerFor(OrderPaid.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    public OrderEvent read(ConsumerRecord<String, String> record) {
        String type = header(record, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonEventException(ConsumerMetrics.UNKNOWN, "the record has no ce_type header"));
        if (!EventTypes.ORDER_PAID.equals(type)) {
            return new OrderEvent.Ignored(type, header(record, CloudEventHeaders.TENANT).orElse(null));
        }
        UUID eventId = eventId(record);
        String tenant = header(record, CloudEventHeaders.TENANT)
                .orElseThrow(() -> poison("the record has no ce_tenant header"));
        if (!Tenants.isValid(tenant)) {
            throw poison("ce_tenant '%s' does not match %s".formatted(tenant, Tenants.PATTERN));
        }
        OrderPaid paid = parse(record.value());
        if (!tenant.equals(paid.tenant())) {
            throw poison("the payload's tenant '%s' differs from ce_tenant '%s'".formatted(paid.tenant(), tenant));
        }
        if (paid.orderId() == null) {
            throw poison("the payload has no order_id");
        }
        return new OrderEvent.Paid(new Purchase(eventId, type, tenant, paid.orderId(), copiesByIsbn(paid.lines())));
    }

    /** The record's ce_tenant when it is a valid tenant, whatever else is wrong with the record. */
    public static Optional<String> validTenant(ConsumerRecord<?, ?> record) {
        return header(record, CloudEventHeaders.TENANT).filter(Tenants::isValid);
    }

    private static UUID eventId(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID).orElseThrow(() -> poison("the record has no ce_id header"));
        if (!UUID_TEXT.matcher(id).matches()) {
            throw poison("ce_id '%s' is not a UUID".formatted(id));
        }
        return UUID.fromString(id);
    }

    private OrderPaid parse(String value) {
        if (value == null || value.isBlank()) {
            throw poison("the record has no payload");
        }
        OrderPaid paid;
        try {
            paid = orderPaid.readValue(value);
        } catch (JsonProcessingException e) {
            throw poison("the payload is not an order.paid event: " + e.getOriginalMessage());
        }
        if (paid == null) {
            throw poison("the payload is null");
        }
        return paid;
    }

    /** Copies per book, ISBNs as 13 digits: two lines spelling the same book differently count as one book. */
    private static SortedMap<String, Long> copiesByIsbn(List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw poison("the payload has no lines");
        }
        SortedMap<String, Long> copies = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            if (line == null || !Isbn.isValid(line.isbn())) {
                throw poison("lines[%d].isbn is not an ISBN-13 with a valid check digit".formatted(i));
            }
            if (line.qty() < 1) {
                throw poison("lines[%d].qty must be at least 1".formatted(i));
            }
            copies.merge(Isbn.digits(line.isbn()), (long) line.qty(), Long::sum);
        }
        return copies;
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static PoisonEventException poison(String message) {
        return new PoisonEventException(EventTypes.ORDER_PAID, message);
    }
}
