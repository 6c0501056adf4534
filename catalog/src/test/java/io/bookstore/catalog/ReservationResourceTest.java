package io.bookstore.catalog;

import io.bookstore.catalog.service.ReservationService;
import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ReservationResourceTest {

    private static final String TENANT = "acme";

    @Inject
    ReservationService reservations;

    @Test
    void reservesStockAndRecordsTheLinesAndAnswersTheBooksPrices() {
        String first = TestDatabase.newBook(10, 4999, "USD");
        String second = TestDatabase.newBook(5, 1250, "USD");
        UUID orderId = UUID.randomUUID();

        String expiresAt = reserve(orderId, item(first, 3), item(second, 5))
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", endsWith("/catalog/reservations/" + orderId))
                .body("order_id", equalTo(orderId.toString()))
                .body("status", equalTo("reserved"))
                .body("items.isbn", contains(first, second))
                .body("items.qty", contains(3, 5))
                .body("currency", equalTo("USD"))
                .body("items.unit_price_cents", contains(4999, 1250))
                .extract().path("expires_at");

        // The order's deadline: the window (2 minutes by default) from the reservation, by the database's clock.
        assertThat(Duration.between(TestDatabase.reservationCreatedAt(orderId), OffsetDateTime.parse(expiresAt).toInstant()))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(TestDatabase.stock(first)).isEqualTo(7);
        assertThat(TestDatabase.stock(second)).isZero();
        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
        assertThat(TestDatabase.reservationLines(orderId)).containsExactlyInAnyOrderEntriesOf(Map.of(first, 3, second, 5));
    }

    @Test
    void withTheSwitchOffTheForcedFailureItemIsAnOrdinaryBook() {
        int stock = TestDatabase.stock(ForcedFailureTest.FORCED_ISBN);

        reserve(UUID.randomUUID(), item(ForcedFailureTest.FORCED_ISBN, 1)).statusCode(201);

        assertThat(TestDatabase.stock(ForcedFailureTest.FORCED_ISBN)).isEqualTo(stock - 1);
    }

    @Test
    void anIsbnWithoutHyphensReservesTheBookAndAnswersWithItsPrintedForm() {
        String isbn = TestDatabase.newBook(4);
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(isbn.replace("-", ""), 1))
                .statusCode(201)
                .body("items.isbn", contains(isbn));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(3);
    }

    @Test
    void repeatingAReservationReturnsItWithoutTakingStockTwice() {
        String first = TestDatabase.newBook(10);
        String second = TestDatabase.newBook(10);
        UUID orderId = UUID.randomUUID();
        String expiresAt = reserve(orderId, item(first, 2), item(second, 1)).statusCode(201).extract().path("expires_at");

        // Same items, listed in another order and spelled without hyphens: the same reservation, with the same deadline.
        reserve(orderId, item(second.replace("-", ""), 1), item(first, 2))
                .statusCode(200)
                .header(HttpHeaders.IDEMPOTENT_REPLAYED, "true")
                .body("order_id", equalTo(orderId.toString()))
                .body("status", equalTo("reserved"))
                .body("expires_at", equalTo(expiresAt))
                .body("items.isbn", contains(first, second))
                .body("items.qty", contains(2, 1));

        assertThat(TestDatabase.stock(first)).isEqualTo(8);
        assertThat(TestDatabase.stock(second)).isEqualTo(9);
    }

    @Test
    void aRepeatedReservationAnswersTheBooksPricesOfNowNotOfItsFirstCall() {
        String isbn = TestDatabase.newBook(10, 2000, "EUR");
        UUID orderId = reserved(isbn, 1);
        TestDatabase.setPrice(isbn, 2200);

        reserve(orderId, item(isbn, 1))
                .statusCode(200)
                .body("currency", equalTo("EUR"))
                .body("items.unit_price_cents", contains(2200));
    }

    @Test
    void booksSoldInDifferentCurrenciesCannotBeOneReservation() {
        String dollars = TestDatabase.newBook(10, 2500, "USD");
        String euros = TestDatabase.newBook(10, 2300, "EUR");
        String moreDollars = TestDatabase.newBook(10, 900, "USD");
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(dollars, 1), item(euros, 1), item(moreDollars, 1))
                .statusCode(422)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:mixed-currencies"))
                .body("detail", containsString("items[0] is sold in USD"))
                .body("errors.field", contains("items[1].isbn"))
                .body("errors.message", contains("is sold in EUR"));

        assertThat(TestDatabase.stock(dollars)).isEqualTo(10);
        assertThat(TestDatabase.stock(euros)).isEqualTo(10);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
    }

    @Test
    void otherItemsUnderAReservedOrderIdAreAConflict() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 2);

        reserve(orderId, item(isbn, 3))
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:conflict"))
                .body("detail", containsString(orderId.toString()));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(8);
        assertThat(TestDatabase.reservationLines(orderId)).containsExactlyEntriesOf(Map.of(isbn, 2));
    }

    @Test
    void anotherTenantCannotReuseAnOrderId() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 1);

        given().auth().oauth2(TestTokens.shared().shopper("globex"))
                .contentType(ContentType.JSON)
                .body(body(orderId, item(isbn, 1)))
                .when().post("/catalog/reservations")
                .then().statusCode(409)
                .body("type", equalTo("urn:bookstore:problem:conflict"));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(9);
    }

    @Test
    void whenOneLineLacksStockNothingIsReserved() {
        String plenty = TestDatabase.newBook(10);
        String scarce = TestDatabase.newBook(1);
        String gone = TestDatabase.newBook(0);
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(plenty, 5), item(scarce, 2), item(gone, 1))
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:insufficient-stock"))
                .body("status", equalTo(409))
                .body("detail", containsString(scarce))
                .body("detail", containsString(gone))
                .body("detail", not(containsString(plenty)));

        assertThat(TestDatabase.stock(plenty)).isEqualTo(10);
        assertThat(TestDatabase.stock(scarce)).isEqualTo(1);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();

        // The order id stays free: once stock allows, the same order can reserve.
        reserve(orderId, item(plenty, 5)).statusCode(201);
        assertThat(TestDatabase.stock(plenty)).isEqualTo(5);
    }

    @Test
    void anUnknownBookIsNamedByItsPositionAndNothingIsWritten() {
        String known = TestDatabase.newBook(10);
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(known, 1), item("978-3-16-148410-0", 1))
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains("items[1].isbn"))
                .body("errors.message", contains("no book with this ISBN"));

        assertThat(TestDatabase.stock(known)).isEqualTo(10);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
    }

    @Test
    void theSameBookTwiceInOneRequestIsRefused() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = UUID.randomUUID();

        reserve(orderId, item(isbn, 1), item(isbn.replace("-", ""), 2))
                .statusCode(400)
                .body("errors.field", contains("items[1].isbn"))
                .body("errors.message", contains("names the same book as items[0]"));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(10);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
    }

    static Stream<Arguments> badBodies() {
        String isbn = TestDatabase.EFFECTIVE_JAVA;
        String order = UUID.randomUUID().toString();
        String fiftyOne = IntStream.range(0, 51).mapToObj(i -> item(isbn, 1)).collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("{\"order_id\":", "malformed-request", null),
                Arguments.of("not json at all", "malformed-request", null),
                Arguments.of("[]", "malformed-request", null),
                Arguments.of("", "validation", "body"),
                Arguments.of("{\"items\":[" + item(isbn, 1) + "]}", "validation", "order_id"),
                Arguments.of("{\"order_id\":\"" + order + "\"}", "validation", "items"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[]}", "validation", "items"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[" + fiftyOne + "]}", "validation", "items"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[null]}", "validation", "items[0]"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":\"x\"}", "validation", "items"),
                Arguments.of("{\"order_id\":\"not-a-uuid\",\"items\":[" + item(isbn, 1) + "]}", "validation", "order_id"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[" + item(isbn, 0) + "]}", "validation", "items[0].qty"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[" + item(isbn, 101) + "]}", "validation", "items[0].qty"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[{\"isbn\":\"" + isbn + "\"}]}", "validation", "items[0].qty"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[{\"isbn\":\"" + isbn + "\",\"qty\":1.5}]}", "validation", "items[0].qty"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[{\"isbn\":\"" + isbn + "\",\"qty\":\"two\"}]}", "validation", "items[0].qty"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[{\"qty\":1}]}", "validation", "items[0].isbn"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[" + item("978-0-13-468599-2", 1) + "]}", "validation", "items[0].isbn"),
                Arguments.of("{\"order_id\":\"" + order + "\",\"items\":[" + item("ISBN 12345", 1) + "]}", "validation", "items[0].isbn"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIsA400ProblemNamingTheField(String body, String type, String field) {
        int stockBefore = TestDatabase.stock(TestDatabase.EFFECTIVE_JAVA);

        ValidatableResponse response = given().auth().oauth2(TestTokens.shared().shopper(TENANT))
                .contentType(ContentType.JSON)
                .body(body)
                .when().post("/catalog/reservations")
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:" + type))
                .body("status", equalTo(400));
        if (field == null) {
            response.body("errors", nullValue());
        } else {
            response.body("errors.field", hasItem(field));
        }
        assertThat(TestDatabase.stock(TestDatabase.EFFECTIVE_JAVA)).isEqualTo(stockBefore);
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(TENANT);
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenReservesNothing(TestTokens.Refused token) {
        String isbn = TestDatabase.newBook(3);
        UUID orderId = UUID.randomUUID();

        token.assertRefused(token.request().contentType(ContentType.JSON).body(body(orderId, item(isbn, 1)))
                .when().post("/catalog/reservations").then());

        assertThat(TestDatabase.stock(isbn)).isEqualTo(3);
        assertThat(TestDatabase.reservationStatus(orderId)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenReleasesNothing(TestTokens.Refused token) {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 1);

        token.assertRefused(token.request().when().delete("/catalog/reservations/{order_id}", orderId).then());

        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
    }

    @Test
    void releasingReturnsTheStockOnceAndThenAnswers204Again() {
        String first = TestDatabase.newBook(10);
        String second = TestDatabase.newBook(10);
        UUID orderId = UUID.randomUUID();
        reserve(orderId, item(first, 4), item(second, 1)).statusCode(201);

        release(orderId).statusCode(204);
        assertThat(TestDatabase.stock(first)).isEqualTo(10);
        assertThat(TestDatabase.stock(second)).isEqualTo(10);
        assertThat(TestDatabase.reservationStatus(orderId)).contains("released");

        release(orderId).statusCode(204);
        assertThat(TestDatabase.stock(first)).isEqualTo(10);
        assertThat(TestDatabase.stock(second)).isEqualTo(10);

        // A released order is not reserved again by repeating its request.
        reserve(orderId, item(first, 4), item(second, 1))
                .statusCode(200)
                .body("status", equalTo("released"));
        assertThat(TestDatabase.stock(first)).isEqualTo(10);
    }

    @Test
    void releasingAnUnknownOrderIs204() {
        release(UUID.randomUUID()).statusCode(204);
    }

    @Test
    void anotherTenantCannotReleaseAReservation() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 6);

        given().auth().oauth2(TestTokens.shared().shopper("globex"))
                .when().delete("/catalog/reservations/{order_id}", orderId)
                .then().statusCode(204);

        assertThat(TestDatabase.stock(isbn)).isEqualTo(4);
        assertThat(TestDatabase.reservationStatus(orderId)).contains("reserved");
    }

    @Test
    void aSoldReservationCannotBeReleased() {
        String isbn = TestDatabase.newBook(10);
        UUID orderId = reserved(isbn, 2);
        assertThat(reservations.markSold(orderId, TENANT).await().atMost(Duration.ofSeconds(10))).isTrue();

        release(orderId)
                .statusCode(409)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:conflict"))
                .body("detail", containsString("sold"));

        assertThat(TestDatabase.stock(isbn)).isEqualTo(8);
        assertThat(TestDatabase.reservationStatus(orderId)).contains("sold");
    }

    @Test
    void releaseNeedsAUuid() {
        given().auth().oauth2(TestTokens.shared().shopper(TENANT))
                .when().delete("/catalog/reservations/{order_id}", "order-42")
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors.field", contains("order_id"))
                .body("errors.message", contains("must be a UUID"));
    }

    static ValidatableResponse reserve(UUID orderId, String... items) {
        return reserve(TENANT, orderId, items);
    }

    static ValidatableResponse reserve(String tenant, UUID orderId, String... items) {
        return given().auth().oauth2(TestTokens.shared().shopper(tenant))
                .contentType(ContentType.JSON)
                .body(body(orderId, items))
                .when().post("/catalog/reservations")
                .then();
    }

    /** A new order holding {@code qty} copies of the book, reserved under {@link #TENANT}. */
    static UUID reserved(String isbn, int qty) {
        return reserved(TENANT, isbn, qty);
    }

    static UUID reserved(String tenant, String isbn, int qty) {
        UUID orderId = UUID.randomUUID();
        reserve(tenant, orderId, item(isbn, qty)).statusCode(201);
        return orderId;
    }

    static ValidatableResponse release(UUID orderId) {
        return given().auth().oauth2(TestTokens.shared().shopper(TENANT))
                .when().delete("/catalog/reservations/{order_id}", orderId)
                .then();
    }

    static String body(UUID orderId, String... items) {
        return "{\"order_id\":\"" + orderId + "\",\"items\":[" + String.join(",", items) + "]}";
    }

    static String item(String isbn, int qty) {
        return "{\"isbn\":\"" + isbn + "\",\"qty\":" + qty + "}";
    }
}
