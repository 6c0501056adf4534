package io.bookstore.storefront;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** {@code Prefer: wait=N}: the checkout answers the final status if the order reaches one within N seconds. */
@QuarkusTest
class PreferWaitTest {

    @Test
    void anOrderPaidWhileTheCheckoutWaitsIsAnsweredPaid() {
        String tenant = Api.newTenant();
        long start = System.nanoTime();
        CompletableFuture<ExtractableResponse<Response>> checkout = CompletableFuture.supplyAsync(() ->
                Api.checkout(Api.as(tenant).header("Prefer", "wait=8"), Api.basket(Databases.newBook(5))).extract());

        UUID orderId = awaitOrderOf(tenant);
        assertThat(Orders.settle(orderId, "paid")).isEqualTo(200);

        ExtractableResponse<Response> response = checkout.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Preference-Applied")).isEqualTo("wait=8");
        assertThat(response.<String>path("status")).isEqualTo("paid");
        assertThat(response.<String>path("order_id")).isEqualTo(orderId.toString());
        assertThat(response.header("Location")).endsWith("/api/v2/orders/" + orderId);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void ordersAnswersTheChangeInsteadOfBeingPolled() throws InterruptedException {
        String tenant = Api.newTenant();
        String traceparent = Api.newTraceparent();
        CompletableFuture<ExtractableResponse<Response>> checkout = CompletableFuture.supplyAsync(() ->
                Api.checkout(Api.as(tenant).header("Prefer", "wait=8").header("traceparent", traceparent),
                        Api.basket(Databases.newBook(5))).extract());
        UUID orderId = awaitOrderOf(tenant);

        Thread.sleep(2_500);
        assertThat(Orders.settle(orderId, "paid")).isEqualTo(200);

        ExtractableResponse<Response> response = checkout.join();
        assertThat(response.<String>path("status")).isEqualTo("paid");
        // 2.5 s of waiting in asks of at most 1 s each, the last one answered by the change
        // (polling every 200 ms asked a dozen times).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Downstream.spans(Api.traceId(traceparent)))
                .filteredOn(span -> span.get("service").equals("orders") && span.get("kind").equals("2")
                        && span.get("name").equals("GET /orders/{id}"))
                .as("orders' answers to the waiting checkout")
                .hasSizeBetween(2, 4));
    }

    @Test
    void anOrderStillPendingWhenTheWaitRunsOutIsAnsweredPending() {
        long start = System.nanoTime();
        Api.checkout(Api.as(Api.newTenant()).header("Prefer", "wait=2"), Api.basket(Databases.newBook(5)))
                .statusCode(202)
                .header("Preference-Applied", "wait=2")
                .body("status", equalTo("pending_payment"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aLongerWaitIsCappedAtTenSecondsAndSaysSo() {
        String tenant = Api.newTenant();
        CompletableFuture<ExtractableResponse<Response>> checkout = CompletableFuture.supplyAsync(() ->
                Api.checkout(Api.as(tenant).header("Prefer", "respond-async, wait=3600"), Api.basket(Databases.newBook(5)))
                        .extract());

        Orders.settle(awaitOrderOf(tenant), "payment_failed");

        ExtractableResponse<Response> response = checkout.join();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Preference-Applied")).isEqualTo("wait=10");
        assertThat(response.<String>path("status")).isEqualTo("payment_failed");
    }

    @Test
    void withoutAValidWaitPreferenceTheCheckoutAnswersAtOnce() {
        for (String prefer : new String[] {"wait=soon", "wait=-1", "handling=lenient"}) {
            long start = System.nanoTime();
            Api.checkout(Api.as(Api.newTenant()).header("Prefer", prefer), Api.basket(Databases.newBook(5)))
                    .statusCode(202)
                    .header("Preference-Applied", nullValue());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(prefer).isLessThan(Duration.ofSeconds(1));
        }
        Api.checkout(Api.as(Api.newTenant()).header("Prefer", "wait=0"), Api.basket(Databases.newBook(5)))
                .statusCode(202)
                .header("Preference-Applied", "wait=0");
    }

    /** The id of the tenant's one order, once orders has it. */
    private static UUID awaitOrderOf(String tenant) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> Databases.orderOfTenant(tenant), found -> found.isPresent())
                .orElseThrow();
    }
}
