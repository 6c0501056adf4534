package io.bookstore.storefront;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
class CheckoutTest {

    @Test
    void aCheckoutReservesTheStockAndCreatesAPendingOrderAtCatalogPrices() {
        String tenant = Api.newTenant();
        String first = Databases.newBook(10, 2500, "USD");
        String second = Databases.newBook(5, 1234, "USD");
        String traceparent = Api.newTraceparent();
        Map<String, Object> body = Api.basket(first, second);
        Api.firstItem(body).put("qty", 2);

        ExtractableResponse<Response> response = Api.checkout(Api.as(tenant).header("traceparent", traceparent), body)
                .statusCode(202)
                .contentType(containsString("application/json"))
                .body("status", equalTo("pending_payment"))
                .body("trace_id", equalTo(Api.traceId(traceparent)))
                .extract();
        UUID orderId = UUID.fromString(response.path("order_id"));

        assertThat(response.header("Location")).endsWith("/api/v2/orders/" + orderId);
        assertThat(Databases.stock(first)).isEqualTo(8);
        assertThat(Databases.stock(second)).isEqualTo(4);
        assertThat(Databases.reservationStatus(orderId)).contains("reserved");
        assertThat(Databases.orderStatus(orderId)).contains("pending_payment");
        Api.order(tenant, orderId)
                .statusCode(200)
                .body("order_id", equalTo(orderId.toString()))
                .body("status", equalTo("pending_payment"))
                .body("currency", equalTo("USD"))
                .body("total_cents", equalTo(2 * 2500 + 1234))
                .body("lines.isbn", equalTo(List.of(first, second)))
                .body("lines.qty", equalTo(List.of(2, 1)))
                .body("lines.unit_price_cents", equalTo(List.of(2500, 1234)));
    }

    @Test
    void aCheckoutIsOneTraceThroughCatalogAndOrders() {
        String traceparent = Api.newTraceparent();
        String traceId = Api.traceId(traceparent);
        String id = Api.checkout(Api.as(Api.newTenant()).header("traceparent", traceparent), Api.basket(Databases.newBook(3)))
                .statusCode(202)
                .extract().path("order_id");

        assertThat(Databases.createdEventTraceparent(UUID.fromString(id)))
                .as("the trace context orders stored for order.created")
                .hasValueSatisfying(stored -> assertThat(Api.traceId(stored)).isEqualTo(traceId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Downstream.spans(traceId))
                .extracting(span -> span.get("service") + " " + span.get("kind"))
                .as("server spans (kind 2) of every service on the way, the storefront's client spans (kind 3)")
                .contains("storefront 2", "storefront 3", "catalog 2", "orders 2"));
    }

    @Test
    void aCheckoutAsksCatalogOnceToReserveAndPrice() {
        String traceparent = Api.newTraceparent();
        String traceId = Api.traceId(traceparent);
        Api.checkout(Api.as(Api.newTenant()).header("traceparent", traceparent), Api.basket(Databases.newBook(3), Databases.newBook(3)))
                .statusCode(202);

        // catalog exports its spans in the order they end: a price look-up before the reservation would come first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Downstream.spans(traceId))
                .filteredOn(span -> span.get("service").equals("catalog") && span.get("kind").equals("2"))
                .extracting(span -> span.get("name"))
                .as("catalog's server spans of the checkout: the reservation answers the prices")
                .containsExactly("POST /catalog/reservations"));
    }

    @Test
    void aRetriedCheckoutWithTheSameKeyIsTheSameOrderAndReservesOnce() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Api.basket(isbn);
        Api.firstItem(body).put("qty", 3);

        String first = Api.acceptedOrderId(Api.checkout(tenant, key, body));
        String second = Api.checkout(tenant, key, body)
                .statusCode(202)
                .header("Location", endsWith("/api/v2/orders/" + first))
                .extract().path("order_id");

        assertThat(second).isEqualTo(first);
        assertThat(Databases.stock(isbn)).isEqualTo(7);
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    @Test
    void aRetriedCheckoutAfterAPriceChangeIsTheFirstOrderAtItsPrices() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10, 2500, "USD");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Api.basket(isbn);
        Api.firstItem(body).put("qty", 2);
        String first = Api.acceptedOrderId(Api.checkout(tenant, key, body));

        Databases.changePrice(isbn, 2900);
        Api.checkout(tenant, key, body)
                .statusCode(202)
                .header("Location", endsWith("/api/v2/orders/" + first))
                .body("order_id", equalTo(first));

        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
        assertThat(Databases.stock(isbn)).isEqualTo(8);
        Api.order(tenant, first).statusCode(200)
                .body("total_cents", equalTo(2 * 2500))
                .body("lines.unit_price_cents", equalTo(List.of(2500)));
    }

    @Test
    void anotherPaymentMethodAfterAPriceChangeIsStillAReusedKey() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10, 2500, "USD");
        String key = UUID.randomUUID().toString();
        String id = Api.acceptedOrderId(Api.checkout(tenant, key, Api.basket(isbn)));
        Map<String, Object> otherCard = Api.basket(isbn);
        otherCard.put("payment_method", "pm_card_mastercard");

        Databases.changePrice(isbn, 2900);
        Api.checkout(tenant, key, otherCard)
                .spec(Api.problem(422, "urn:bookstore:problem:idempotency-key-reused"));

        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
        assertThat(Databases.reservationStatus(UUID.fromString(id))).contains("reserved");
        assertThat(Databases.stock(isbn)).isEqualTo(9);
    }

    @Test
    void aKeyBelongsToOneTenant() {
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        String first = Api.acceptedOrderId(Api.checkout(Api.newTenant(), key, Api.basket(isbn)));
        String second = Api.acceptedOrderId(Api.checkout(Api.newTenant(), key, Api.basket(isbn)));

        assertThat(second).isNotEqualTo(first);
        assertThat(Databases.stock(isbn)).isEqualTo(8);
    }

    @Test
    void otherBooksUnderAUsedKeyAreRefusedAndChangeNothing() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String other = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        String id = Api.acceptedOrderId(Api.checkout(tenant, key, Api.basket(isbn)));

        Api.checkout(tenant, key, Api.basket(other))
                .spec(Api.problem(422, "urn:bookstore:problem:idempotency-key-reused"));

        assertThat(Databases.stock(other)).isEqualTo(10);
        assertThat(Databases.stock(isbn)).isEqualTo(9);
        assertThat(Databases.reservationStatus(UUID.fromString(id))).contains("reserved");
        assertThat(Databases.ordersOfTenant(tenant)).isEqualTo(1);
    }

    @Test
    void anotherPaymentMethodUnderAUsedKeyIsRefusedAndKeepsTheOrdersStock() {
        String tenant = Api.newTenant();
        String isbn = Databases.newBook(10);
        String key = UUID.randomUUID().toString();
        String id = Api.acceptedOrderId(Api.checkout(tenant, key, Api.basket(isbn)));
        Map<String, Object> otherCard = Api.basket(isbn);
        otherCard.put("payment_method", "pm_card_mastercard");

        Api.checkout(tenant, key, otherCard)
                .spec(Api.problem(422, "urn:bookstore:problem:idempotency-key-reused"));

        // The reservation is the existing order's: releasing it would sell its copies twice.
        assertThat(Databases.reservationStatus(UUID.fromString(id))).contains("reserved");
        assertThat(Databases.stock(isbn)).isEqualTo(9);
    }

    @Test
    void aReplayOfAPaidOrderAnswersItsFinalStatus() {
        String tenant = Api.newTenant();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Api.basket(Databases.newBook(10));
        String id = Api.acceptedOrderId(Api.checkout(tenant, key, body));
        assertThat(Orders.settle(UUID.fromString(id), "paid")).isEqualTo(200);

        Api.checkout(tenant, key, body)
                .statusCode(200)
                .body("order_id", equalTo(id))
                .body("status", equalTo("paid"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void notEnoughStockIsAConflictAndMakesNoOrder() {
        String tenant = Api.newTenant();
        String plenty = Databases.newBook(10);
        String scarce = Databases.newBook(1);
        Map<String, Object> body = Api.basket(plenty, scarce);
        ((List<Map<String, Object>>) body.get("items")).get(1).put("qty", 2);

        Api.checkout(tenant, body)
                .spec(Api.problem(409, "urn:bookstore:problem:insufficient-stock"))
                .body("detail", containsString(scarce));

        assertThat(Databases.stock(plenty)).isEqualTo(10);
        assertThat(Databases.stock(scarce)).isEqualTo(1);
        assertThat(Databases.reservationStatusesOf(plenty)).isEmpty();
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }

    @Test
    void aBookCatalogDoesNotSellIsAValidationProblemNamingTheItem() {
        String tenant = Api.newTenant();
        String known = Databases.newBook(10);

        Api.checkout(tenant, Api.basket(known, "978-1-4028-9462-6"))
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors.field", equalTo(List.of("items[1].isbn")));

        assertThat(Databases.stock(known)).isEqualTo(10);
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }

    @Test
    void booksSoldInDifferentCurrenciesCannotBeOneOrder() {
        String tenant = Api.newTenant();
        String dollars = Databases.newBook(10, 2500, "USD");
        String euros = Databases.newBook(10, 2300, "EUR");

        Api.checkout(tenant, Api.basket(dollars, euros))
                .spec(Api.problem(422, "urn:bookstore:problem:mixed-currencies"))
                .body("errors.field", equalTo(List.of("items[1].isbn")))
                .body("errors[0].message", containsString("EUR"));

        assertThat(Databases.stock(euros)).isEqualTo(10);
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }

    @Test
    void anOrderThatOrdersRefusesReleasesItsReservation() {
        String tenant = Api.newTenant();
        // Orders accepts unit prices up to 10 000 000: catalog reserves this book, orders refuses it.
        String tooDear = Databases.newBook(4, 10_000_001, "USD");

        Api.checkout(tenant, Api.basket(tooDear))
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors.field", hasItem(matchesPattern("lines\\[0]\\.unit_price_cents")));

        assertThat(Databases.stock(tooDear)).isEqualTo(4);
        assertThat(Databases.reservationStatusesOf(tooDear)).as("the reservation that was made, then released")
                .containsExactly("released");
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }
}
