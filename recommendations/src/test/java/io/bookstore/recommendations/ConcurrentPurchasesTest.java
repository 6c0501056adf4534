package io.bookstore.recommendations;

import io.bookstore.contracts.BusinessMetrics;
import io.bookstore.contracts.EventTypes;
import io.bookstore.contracts.Isbn;
import io.bookstore.contracts.events.OrderLine;
import io.bookstore.recommendations.events.OrderEventsConsumer;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestDatabase.Sold;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.Isbns;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.bookstore.recommendations.support.TestDatabase.pair;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several replicas of the consumer apply events at once (one per partition each). Their
 * transactions overlap on the same rows; none may deadlock, and none may count twice.
 */
@QuarkusTest
class ConcurrentPurchasesTest {

    private static final int ORDERS = 24;

    @Inject
    OrderEventsConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Test
    void overlappingOrdersOfTheSameBooksAllCountWithoutDeadlock() throws Exception {
        String tenant = TestTenants.fresh("busy");
        List<String> books = Stream.generate(Isbns::next).map(Isbn::digits).limit(4).toList();
        List<OrderRecord> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            List<String> isbns = new ArrayList<>(books);
            Collections.shuffle(isbns);
            List<OrderLine> lines = new ArrayList<>();
            for (int line = 0; line < isbns.size(); line++) {
                lines.add(line(isbns.get(line), line + 1));
            }
            orders.add(OrderRecord.paid(tenant, lines.toArray(OrderLine[]::new)));
        }

        List<CompletableFuture<Void>> results = orders.stream()
                .map(order -> consumer.consume(order.polled()).subscribeAsCompletionStage())
                .toList();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(consumed(tenant, BusinessMetrics.OUTCOME_PROCESSED)).isEqualTo(ORDERS);
        Map<String, Sold> popularity = TestDatabase.popularity(tenant);
        assertThat(popularity).hasSize(4);
        assertThat(popularity.values()).allSatisfy(sold -> assertThat(sold.orders()).isEqualTo(ORDERS));
        // Each order holds one to four copies of the four books.
        assertThat(popularity.values().stream().mapToLong(Sold::copies).sum()).isEqualTo((1 + 2 + 3 + 4) * ORDERS);
        Map<String, Long> pairs = TestDatabase.coPurchases(tenant);
        assertThat(pairs).hasSize(12).containsEntry(pair(books.get(0), books.get(3)), (long) ORDERS);
        assertThat(pairs.values()).containsOnly((long) ORDERS);
    }

    @Test
    void oneEventAppliedByManyAtOnceCountsOnce() throws Exception {
        String tenant = TestTenants.fresh("busy");
        String a = Isbns.next();
        String b = Isbns.next();
        OrderRecord order = OrderRecord.paid(tenant, line(a, 2), line(b, 1));

        List<CompletableFuture<Void>> results = Stream.generate(() -> consumer.consume(order.polled()).subscribeAsCompletionStage())
                .limit(10)
                .toList();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(consumed(tenant, BusinessMetrics.OUTCOME_PROCESSED)).isEqualTo(1);
        assertThat(consumed(tenant, BusinessMetrics.OUTCOME_DUPLICATE)).isEqualTo(9);
        TestDatabase.assertOneOrderOfTwoBooks(tenant, a, 2, b, 1);
    }

    private double consumed(String tenant, String outcome) {
        return registry.get(BusinessMetrics.CONSUMER_EVENTS)
                .tags(BusinessMetrics.TAG_EVENT_TYPE, EventTypes.ORDER_PAID, BusinessMetrics.TAG_OUTCOME, outcome, BusinessMetrics.TAG_TENANT, tenant)
                .counter().count();
    }
}
