package io.bookstore.catalog;

import io.bookstore.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.bookstore.catalog.ReservationResourceTest.body;
import static io.bookstore.catalog.ReservationResourceTest.item;
import static org.assertj.core.api.Assertions.assertThat;

/** Many clients at once, over real HTTP, against one PostgreSQL: stock is never oversold. */
@QuarkusTest
class ConcurrentReservationTest {

    private static final int CLIENTS = 40;

    @TestHTTPResource("/catalog/reservations")
    URI reservations;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ExecutorService pool;

    @BeforeEach
    void startClients() {
        pool = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void stopClients() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void fortyClientsForTenCopiesSellExactlyTen() throws Exception {
        String isbn = TestDatabase.newBook(10);

        List<HttpResponse<String>> responses = all(i -> body(UUID.randomUUID(), item(isbn, 1)));

        assertThat(statuses(responses)).containsEntry(201, 10L).containsEntry(409, 30L).hasSize(2);
        responses.stream().filter(response -> response.statusCode() == 409)
                .forEach(response -> assertThat(response.body()).contains("insufficient-stock").contains(isbn));
        assertThat(TestDatabase.stock(isbn)).isZero();
        assertThat(TestDatabase.reservationsOf(isbn)).isEqualTo(10);
    }

    @Test
    void reservationsListingTwoBooksInOppositeOrderNeverDeadlock() throws Exception {
        String first = TestDatabase.newBook(100);
        String second = TestDatabase.newBook(100);

        List<HttpResponse<String>> responses = all(i -> i % 2 == 0
                ? body(UUID.randomUUID(), item(first, 1), item(second, 2))
                : body(UUID.randomUUID(), item(second, 2), item(first, 1)));

        assertThat(statuses(responses)).containsExactlyEntriesOf(Map.of(201, (long) CLIENTS));
        assertThat(TestDatabase.stock(first)).isEqualTo(100 - CLIENTS);
        assertThat(TestDatabase.stock(second)).isEqualTo(100 - 2 * CLIENTS);
    }

    @Test
    void oneOrderSentByManyClientsAtOnceTakesStockOnce() throws Exception {
        String isbn = TestDatabase.newBook(100);
        UUID orderId = UUID.randomUUID();

        List<HttpResponse<String>> responses = all(i -> body(orderId, item(isbn, 3)));

        assertThat(statuses(responses)).containsEntry(201, 1L).containsEntry(200, (long) CLIENTS - 1).hasSize(2);
        assertThat(TestDatabase.stock(isbn)).isEqualTo(97);
    }

    /** Sends CLIENTS reservations, released together so that they really overlap. */
    private List<HttpResponse<String>> all(Function<Integer, String> bodies) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            HttpRequest request = HttpRequest.newBuilder(reservations)
                    .header("Authorization", TestTokens.shared().bearerOf("acme"))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.apply(i)))
                    .build();
            Callable<HttpResponse<String>> send = () -> {
                start.await();
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            };
            futures.add(pool.submit(send));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static Map<Integer, Long> statuses(List<HttpResponse<String>> responses) {
        return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    }
}
