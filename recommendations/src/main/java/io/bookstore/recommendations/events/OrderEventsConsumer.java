package io.bookstore.recommendations.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.contracts.events.OrderPaid;
import io.bookstore.kit.kafka.CloudEventConsumer;
import io.bookstore.kit.kafka.CloudEventEnvelope;
import io.bookstore.kit.kafka.CloudEventHandler;
import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.service.PurchaseService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Applies {@code order.paid} events of {@code bookstore.orders.v1} to the co-purchase and
 * popularity counts, through the kit's {@link CloudEventConsumer}. Other types belong to
 * other consumers: they are ignored, their envelope unchecked. Which database failures are
 * dead-lettered and which are retried is the kit's rule for every consumer.
 */
@ApplicationScoped
public class OrderEventsConsumer implements CloudEventHandler<OrderPaid, Purchase, Void> {

    private static final Logger LOG = Logger.getLogger(OrderEventsConsumer.class);

    private final CloudEventConsumer consumer;
    private final PurchaseService purchases;
    private final Map<String, ObjectReader> payloadReaders;

    public OrderEventsConsumer(CloudEventConsumer consumer, PurchaseService purchases, ObjectMapper mapper) {
        this.consumer = consumer;
        this.purchases = purchases;
        // 1.5 copies is a broken event, not one copy.
        this.payloadReaders = Map.of(EventTypes.ORDER_PAID,
                mapper.readerFor(OrderPaid.class).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT));
    }

    @Incoming("order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.consume(record, payloadReaders, this);
    }

    @Override
    public Purchase read(CloudEventEnvelope envelope, OrderPaid paid) {
        return new Purchase(envelope.id(), envelope.type(), envelope.tenant(), paid.orderId(), copiesByIsbn(envelope, paid.lines()));
    }

    @Override
    public Uni<Void> apply(SqlConnection conn, Purchase purchase) {
        return purchases.record(conn, purchase);
    }

    @Override
    public Uni<Void> committed(Purchase purchase, Void counted) {
        // One line per paid order, under the consume span: the checkout's trace id is in it.
        LOG.infof("Order %s paid (event %s): counted", purchase.orderId(), purchase.eventId());
        return Uni.createFrom().voidItem();
    }

    /** Copies per book, ISBNs as 13 digits: two lines spelling the same book differently count as one book. */
    private static SortedMap<String, Long> copiesByIsbn(CloudEventEnvelope envelope, List<OrderLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw envelope.poison("the payload has no lines");
        }
        SortedMap<String, Long> copies = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = lines.get(i);
            if (line == null || !Isbn.isValid(line.isbn())) {
                throw envelope.poison("lines[%d].isbn is not an ISBN-13 with a valid check digit".formatted(i));
            }
            if (line.qty() < 1) {
                throw envelope.poison("lines[%d].qty must be at least 1".formatted(i));
            }
            copies.merge(Isbn.digits(line.isbn()), (long) line.qty(), Long::sum);
        }
        return copies;
    }
}
