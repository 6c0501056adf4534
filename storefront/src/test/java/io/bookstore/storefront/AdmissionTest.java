package io.bookstore.storefront;

import io.bookstore.storefront.rest.CheckoutAdmission;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Admission control: while the storefront runs as many checkouts as its limit allows, the next
 * is refused at once with a 503 {@code overloaded} problem and {@code Retry-After}, before its
 * token or body is looked at, and it changes nothing.
 */
@QuarkusTest
class AdmissionTest {

    private static final String OVERLOADED = "urn:bookstore:problem:overloaded";
    /** The counter's value, before the exemplar that may follow it. */
    private static final Pattern SHED = Pattern.compile("(?m)^bookstore_checkouts_shed_total\\{tenant=\"unknown\"} (\\S+)");

    @Inject
    CheckoutAdmission admission;

    @Test
    void aCheckoutBeyondTheLimitIsRefusedAtOnceAndChangesNothing() {
        // Its catalog breaker opens; breakers are per tenant, so no other tenant notices.
        String stuck = Api.newTenant();
        String refused = Api.newTenant();
        String isbn = Databases.newBook(10);
        double shedBefore = shed();
        int limit = admission.limit();
        // A thread per checkout: the common pool of a small machine sends one at a time.
        ExecutorService clients = Executors.newFixedThreadPool(limit);
        Downstream.CATALOG.silence();
        try {
            List<CompletableFuture<ExtractableResponse<Response>>> running = holdEveryPlace(stuck, isbn, clients);

            RequestSpecification shopper = Api.as(refused);
            long start = System.nanoTime();
            Api.checkout(shopper, Api.basket(isbn))
                    .spec(Api.problem(503, OVERLOADED))
                    .header("Retry-After", "1")
                    .body("detail", containsString("retry after 1 s"));
            // Long before any downstream timeout (3 s): nothing was waited for.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            // Refused before the token is checked: no 401 for a bad one either, and no time spent on it.
            Api.checkout(RestAssured.given().auth().oauth2("not-a-token"), Api.basket(isbn))
                    .spec(Api.problem(503, OVERLOADED));
            // Before catalog answers again, so that none of them gets as far as a reservation.
            running.forEach(checkout -> assertThat(checkout.join().statusCode()).isEqualTo(503));
        } finally {
            Downstream.CATALOG.resume();
            clients.shutdown();
        }

        assertThat(shed() - shedBefore).isEqualTo(2);
        assertThat(Databases.ordersOfTenant(refused)).isZero();
        assertThat(Databases.reservationStatusesOf(isbn)).as("the stuck ones never reached catalog's reservations").isEmpty();
        assertThat(Databases.stock(isbn)).isEqualTo(10);
        // The places came back: the tenant checks out.
        Api.acceptedOrderId(Api.checkout(refused, Api.basket(isbn)));
        assertThat(Databases.stock(isbn)).isEqualTo(9);
    }

    @Test
    void aRetryOfACheckoutWhoseOutcomeWasUnknownIsLetInBeyondTheLimit() {
        String tenant = Api.newTenant();
        String stuck = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        Downstream.ORDERS.silence();
        try {
            Api.checkout(tenant, key, Api.basket(isbn)).spec(Api.problem(503, Api.UNAVAILABLE))
                    .body("detail", containsString("the order may have been made"));
        } finally {
            Downstream.ORDERS.resume();
        }
        int limit = admission.limit();
        ExecutorService clients = Executors.newFixedThreadPool(limit);
        Downstream.CATALOG.silence();
        try {
            List<CompletableFuture<ExtractableResponse<Response>>> running = holdEveryPlace(stuck, isbn, clients);

            // A new checkout is refused; the retry under the unknown outcome's key goes in and gets an answer about its order.
            Api.checkout(tenant, UUID.randomUUID().toString(), Api.basket(isbn)).spec(Api.problem(503, OVERLOADED));
            ExtractableResponse<Response> retried = Api.checkout(tenant, key, Api.basket(isbn)).extract();
            assertThat(retried.statusCode() == 202 ? "accepted" : retried.<String>path("type"))
                    .isIn("accepted", Api.UNAVAILABLE);
            running.forEach(CompletableFuture::join);
        } finally {
            Downstream.CATALOG.resume();
            clients.shutdown();
        }
        // Once catalog answers, the retry ends with the one order.
        await().atMost(Duration.ofSeconds(30)).until(() -> Api.checkout(tenant, key, Api.basket(isbn)).extract().statusCode() == 202);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    @Test
    void aCheckoutWaitingForItsFinalStatusHoldsNoPlace() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        CompletableFuture<ExtractableResponse<Response>> waiting = CompletableFuture.supplyAsync(() ->
                Api.checkout(Api.as(tenant).header("Prefer", "wait=10"), Api.basket(isbn)).extract());

        await().atMost(Duration.ofSeconds(20)).until(() -> Databases.ordersOfTenant(tenant) == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> admission.inFlight() == 0);
        assertThat(waiting).isNotDone();

        assertThat(waiting.join().statusCode()).isEqualTo(202);
    }

    /** Checkouts of {@code stuck} that wait for a silent catalog, one per place, on their own threads. */
    private List<CompletableFuture<ExtractableResponse<Response>>> holdEveryPlace(String stuck, String isbn, ExecutorService clients) {
        int limit = admission.limit();
        List<CompletableFuture<ExtractableResponse<Response>>> running = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            running.add(CompletableFuture.supplyAsync(() -> Api.checkout(stuck, Api.basket(isbn)).extract(), clients));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> admission.inFlight() == limit);
        return running;
    }

    private static double shed() {
        Matcher matcher = SHED.matcher(Metrics.scrape());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
