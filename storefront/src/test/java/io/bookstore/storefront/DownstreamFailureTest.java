package io.bookstore.storefront;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.bookstore.storefront.client.DownstreamGuards;
import io.bookstore.storefront.rest.CheckoutAdmission;
import io.bookstore.storefront.service.DownstreamPatience;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

/**
 * A checkout waits out a catalog or orders that is briefly gone (refused or dropped
 * connections, 5xx, an open breaker) for up to its patience (5 s); one that stays gone, or is
 * silent, is a 503 problem naming it, never a hang or a 500, and the stock of a checkout whose
 * order may exist stays reserved. One tenant's failures pause that tenant's calls alone.
 */
@QuarkusTest
class DownstreamFailureTest {

    /**
     * Each test starts and ends with closed circuits: a circuit opened here must not answer
     * another test's calls, nor one opened elsewhere make a test here fail for the wrong reason.
     */
    private static final Duration RECOVERY = Duration.ofSeconds(20);

    /** The seed's demonstration book: catalog fails every reservation of it (forced failures are on in the Platform). */
    private static final String FORCED_FAILURE = "979-8-00000-500-2";

    private static final String PAUSED = "catalog is unavailable: it is failing; calls to it are paused";

    @Inject
    DownstreamGuards guards;

    @Inject
    DownstreamPatience patience;

    @Inject
    CheckoutAdmission admission;

    @BeforeEach
    @AfterEach
    void closeCircuits() {
        guards.reset();
    }

    @Test
    void oneTenantsFailuresOpenItsOwnBreakerAndNoOtherTenants() {
        String failing = Api.newTenant();
        String other = Api.newTenant();
        String isbn = Databases.newBook(10);

        // Every reservation of the book fails at catalog: the tenant's attempts fail until its breaker
        // opens, within the first checkout's patience (but a minute on a machine under heavy load).
        await().atMost(Duration.ofMinutes(1)).until(() -> Api.checkout(failing, Api.basket(FORCED_FAILURE))
                .spec(Api.problem(503, Api.UNAVAILABLE))
                .header("Retry-After", "2")
                .extract().<String>path("detail").contains(PAUSED));

        long start = System.nanoTime();
        String accepted = Api.acceptedOrderId(Api.checkout(other, Api.basket(isbn)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the other tenant waited for nothing").isLessThan(Duration.ofSeconds(2));
        assertThat(Databases.orderStatus(UUID.fromString(accepted))).contains("pending_payment");
        assertThat(Databases.stock(isbn)).as("reserved by the other tenant alone").isEqualTo(9);
        assertThat(Databases.ordersOfTenant(failing)).isZero();
        assertThat(Metrics.scrape()).as("the openings (again after each failed trial), counted for the failing tenant's catalog breaker")
                .containsPattern("ft_circuitbreaker_opened_total\\{method=\"catalog " + failing + "\"} [1-9]");

        // The failing tenant's checkout of another book waits for the breaker's trial call (after
        // 2 s), whose success closes it.
        String recovered = Api.acceptedOrderId(Api.checkout(failing, Api.basket(isbn)));
        assertThat(Databases.orderStatus(UUID.fromString(recovered))).contains("pending_payment");
    }

    @Test
    void aCheckoutWaitsForAnOrdersServiceThatIsBrieflyUnreachableAndHoldsNoAdmissionPlaceMeanwhile() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);

        ExtractableResponse<Response> answer = checkoutWhileUnreachable(Downstream.ORDERS, tenant, isbn, () -> {
            assertThat(admission.inFlight()).isZero();
            assertThat(Metrics.scrape()).containsPattern("(?m)^bookstore_checkouts_waiting(\\{[^}]*})? 1.0");
        });

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(Databases.orderStatus(UUID.fromString(answer.path("order_id")))).contains("pending_payment");
        assertThat(Databases.stock(isbn)).as("reserved once").isEqualTo(9);
        assertThat(patience.waiting()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Downstream.spans(answer.path("trace_id")))
                .extracting(span -> span.get("service") + " " + span.get("name"))
                .as("the call made after the wait continues the checkout's trace")
                .contains("orders POST /orders"));
    }

    @Test
    void aCheckoutWaitsForACatalogThatIsBrieflyUnreachable() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);

        assertThat(checkoutWhileUnreachable(Downstream.CATALOG, tenant, isbn, () -> { }).statusCode()).isEqualTo(202);
        assertThat(Databases.stock(isbn)).isEqualTo(9);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    /**
     * A checkout of one copy of {@code isbn}, sent while {@code downstream} refuses every
     * connection; once it waits ({@code whileWaiting} checks that moment), the downstream is
     * reachable again. The checkout's answer.
     */
    private ExtractableResponse<Response> checkoutWhileUnreachable(Downstream downstream, String tenant, String isbn, Runnable whileWaiting) {
        CompletableFuture<ExtractableResponse<Response>> checkout;
        downstream.refuse();
        try {
            checkout = CompletableFuture.supplyAsync(() -> Api.checkout(tenant, UUID.randomUUID().toString(), Api.basket(isbn)).extract());
            await().atMost(Duration.ofSeconds(4)).until(() -> patience.waiting() == 1);
            assertThat(checkout).isNotDone();
            whileWaiting.run();
        } finally {
            downstream.resume();
        }
        return checkout.join();
    }

    @Test
    void ordersDownForLongerThanThePatienceIsA503AndTheReservationWaitsForTheRetry() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        Downstream.ORDERS.kill();
        try {
            assertThat(unavailableCheckout(tenant, key, isbn, "orders")).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(8));

            // Whether the order was made is unknown to the storefront: the stock stays held for it.
            assertThat(Databases.reservationStatusesOf(isbn)).containsExactly("reserved");
            assertThat(Databases.stock(isbn)).isEqualTo(9);
            assertThat(Databases.ordersOfTenant(tenant)).isZero();
        } finally {
            Downstream.ORDERS.start();
        }

        String id = retriedUntilAccepted(tenant, key, isbn).path("order_id");
        assertThat(Databases.reservationStatus(UUID.fromString(id))).contains("reserved");
        assertThat(Databases.stock(isbn)).as("reserved once, by the first attempt").isEqualTo(9);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    @Test
    void aCheckoutRetriedAfterItsReservationExpiredMakesNoOrder() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        Downstream.ORDERS.kill();
        try {
            Api.checkout(tenant, key, Api.basket(isbn)).statusCode(503);
        } finally {
            Downstream.ORDERS.start();
        }
        // orders stayed away for longer than the reservation's window: catalog releases that stock.
        Databases.expireReservationsOf(isbn);

        ExtractableResponse<Response> retried = await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.checkout(tenant, key, Api.basket(isbn)).extract(),
                response -> response.statusCode() != 503);

        // The storefront passed the reservation's expires_at on, and orders refused to make an order after it.
        assertThat(retried.statusCode()).isEqualTo(409);
        assertThat(retried.<String>path("type")).isEqualTo("urn:bookstore:problem:reservation-expired");
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }

    @Test
    void aSilentOrdersServiceIsA503AfterTheTimeoutsNotAHang() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        Downstream.ORDERS.silence();
        try {
            // Three attempts, each ended by the 2 s read timeout.
            assertThat(unavailableCheckout(tenant, key, isbn, "orders is unavailable: it did not answer in time; the order may have"
                    + " been made: send the same checkout again with the same Idempotency-Key"))
                    .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(10));
            assertThat(Databases.reservationStatusesOf(isbn)).containsExactly("reserved");
        } finally {
            Downstream.ORDERS.resume();
        }

        retriedUntilAccepted(tenant, key, isbn);
        assertThat(Databases.stock(isbn)).isEqualTo(9);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    /**
     * A checkout of one copy of {@code isbn} that the storefront refuses as unavailable, naming
     * {@code detail}; how long the shopper waited for the refusal.
     */
    private static Duration unavailableCheckout(String tenant, String key, String isbn, String detail) {
        long start = System.nanoTime();
        Api.checkout(tenant, key, Api.basket(isbn))
                .spec(Api.problem(503, Api.UNAVAILABLE))
                .body("detail", containsString(detail));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void catalogDownIsA503ForCheckoutsAndBooksAndMakesNoOrder() {
        String tenant = Api.newTenant();
        Downstream.CATALOG.kill();
        try {
            // After the checkout's patience; its last ask met the refused connection (retry after 1 s)
            // or the breaker its refusals opened (after 2 s).
            Api.checkout(tenant, Api.basket("978-0-13-468599-1"))
                    .spec(Api.problem(503, Api.UNAVAILABLE))
                    .header("Retry-After", oneOf("1", "2"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("catalog"));
            RestAssured.given().get("/api/v2/books/978-0-13-468599-1").then()
                    .statusCode(503)
                    .body("detail", containsString("catalog"));
            assertThat(Databases.ordersOfTenant(tenant)).isZero();
            assertThat(Metrics.scrape()).contains(
                    "bookstore_checkouts_total{outcome=\"unavailable\",tenant=\"" + tenant + "\"} 1.0");
        } finally {
            Downstream.CATALOG.start();
        }
        awaitBooksServed("/api/v2/books/978-0-13-468599-1");
    }

    @Test
    void aCheckoutRetriedWhileCatalogIsDownGetsTheOrderItsFirstAttemptMade() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        String orderId = Api.acceptedOrderId(Api.checkout(tenant, key, Api.basket(isbn)));
        Downstream.CATALOG.kill();
        try {
            // The shopper never got the first answer and asks again: the order it made is the answer.
            assertThat(Api.acceptedOrderId(Api.checkout(tenant, key, Api.basket(isbn)))).isEqualTo(orderId);
            // Another basket under the key is still refused, and a checkout with a new key still needs catalog.
            Api.checkout(tenant, key, Api.basket(isbn, Databases.newBook(10))).spec(Api.problem(422, "urn:bookstore:problem:idempotency-key-reused"));
            Api.checkout(tenant, UUID.randomUUID().toString(), Api.basket(isbn)).spec(Api.problem(503, Api.UNAVAILABLE));
        } finally {
            Downstream.CATALOG.start();
        }
        awaitBooksServed("/api/v2/books/" + isbn);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    @Test
    void aFailingCatalogIsNoLongerCalledOnceItsCircuitOpens() {
        Downstream.CATALOG.kill();
        try {
            for (int i = 0; i < 6; i++) {
                RestAssured.given().get("/api/v2/books?limit=3").then().statusCode(503);
            }
            long connections = Downstream.CATALOG.connections();

            for (int i = 0; i < 3; i++) {
                RestAssured.given().get("/api/v2/books?limit=3").then()
                        .statusCode(503)
                        .body("detail", containsString(PAUSED));
            }
            assertThat(Downstream.CATALOG.connections()).as("connections opened to catalog").isEqualTo(connections);
        } finally {
            Downstream.CATALOG.start();
        }
        awaitBooksServed("/api/v2/books?limit=3");
    }

    /** Repeats the checkout under the same key, as a client would, until the platform accepts it. */
    private static ExtractableResponse<Response> retriedUntilAccepted(String tenant, String key, String isbn) {
        return await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(
                () -> Api.checkout(tenant, key, Api.basket(isbn)).extract(),
                response -> response.statusCode() == 202);
    }

    /** Waits until the storefront serves the book page again, its downstream back. */
    private static void awaitBooksServed(String path) {
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).until(
                () -> RestAssured.given().get(path).statusCode() == 200);
    }
}
