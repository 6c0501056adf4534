package io.bookstore.recommendations;

import io.bookstore.contracts.EventTypes;
import io.bookstore.recommendations.domain.Purchase;
import io.bookstore.recommendations.service.PurchaseService;
import io.bookstore.recommendations.support.Isbns;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestDatabase.Sold;
import io.bookstore.recommendations.support.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
    PurchaseService purchases;

    @Test
    void overlappingOrdersOfTheSameBooksAllCountWithoutDeadlock() throws Exception {
        String tenant = TestTenants.fresh("busy");
        List<String> books = Stream.generate(Isbns::next).map(Isbns::digits).limit(4).toList();
        List<Purchase> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            List<String> lines = new ArrayList<>(books);
            Collections.shuffle(lines);
            Map<String, Long> copies = new HashMap<>();
            for (int line = 0; line < lines.size(); line++) {
                copies.put(lines.get(line), (long) line + 1);
            }
            orders.add(new Purchase(UUID.randomUUID(), EventTypes.ORDER_PAID, tenant, UUID.randomUUID(), new TreeMap<>(copies)));
        }

        List<CompletableFuture<Boolean>> results = orders.stream()
                .map(order -> purchases.record(order).subscribeAsCompletionStage())
                .toList();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(results).allSatisfy(result -> assertThat(result.join()).isTrue());
        Map<String, Sold> popularity = TestDatabase.popularity(tenant);
        long copiesOfAll = orders.stream().mapToLong(order -> order.copiesByIsbn().values().stream().mapToLong(Long::longValue).sum()).sum();
        assertThat(popularity).hasSize(4);
        assertThat(popularity.values()).allSatisfy(sold -> assertThat(sold.orders()).isEqualTo(ORDERS));
        assertThat(popularity.values().stream().mapToLong(Sold::copies).sum()).isEqualTo(copiesOfAll);
        Map<String, Long> pairs = TestDatabase.coPurchases(tenant);
        assertThat(pairs).hasSize(12).containsEntry(pair(books.get(0), books.get(3)), (long) ORDERS);
        assertThat(pairs.values()).containsOnly((long) ORDERS);
    }

    @Test
    void oneEventAppliedByManyAtOnceCountsOnce() throws Exception {
        String tenant = TestTenants.fresh("busy");
        String a = Isbns.digits(Isbns.next());
        String b = Isbns.digits(Isbns.next());
        Purchase order = new Purchase(UUID.randomUUID(), EventTypes.ORDER_PAID, tenant, UUID.randomUUID(),
                new TreeMap<>(Map.of(a, 2L, b, 1L)));

        List<CompletableFuture<Boolean>> results = Stream.generate(() -> purchases.record(order).subscribeAsCompletionStage())
                .limit(10)
                .toList();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(results.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(TestDatabase.popularity(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(a, new Sold(2, 1), b, new Sold(1, 1)));
        assertThat(TestDatabase.coPurchases(tenant)).containsExactlyInAnyOrderEntriesOf(Map.of(pair(a, b), 1L, pair(b, a), 1L));
    }
}
