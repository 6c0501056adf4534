package io.bookstore.storefront;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** Every rejected checkout is a 4xx problem+json that names what is wrong, and reserves and orders nothing. */
@QuarkusTest
class CheckoutValidationTest {

    /** Effective Java, seeded by catalog; no test buys it, so its stock must never move. */
    private static final String BOOK = "978-0-13-468599-1";

    private String tenant;
    private int stockBefore;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant();
        stockBefore = Databases.stock(BOOK);
    }

    @AfterEach
    void nothingWasReservedOrOrdered() {
        assertThat(Databases.stock(BOOK)).isEqualTo(stockBefore);
        assertThat(Databases.ordersOfTenant(tenant)).isZero();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("items missing", "items", body -> body.remove("items")),
                bad("items empty", "items", body -> body.put("items", List.of())),
                bad("51 items", "items", body -> body.put("items",
                        IntStream.range(0, 51).mapToObj(i -> Api.item(BOOK, 1)).toList())),
                bad("items an object", "items", body -> body.put("items", Map.of("isbn", BOOK))),
                bad("a null item", "items[1]", body -> items(body).add(null)),
                bad("qty 0", "items[0].qty", body -> Api.firstItem(body).put("qty", 0)),
                bad("qty negative", "items[0].qty", body -> Api.firstItem(body).put("qty", -1)),
                bad("qty 101", "items[0].qty", body -> Api.firstItem(body).put("qty", 101)),
                bad("qty missing", "items[0].qty", body -> Api.firstItem(body).remove("qty")),
                bad("qty a string", "items[0].qty", body -> Api.firstItem(body).put("qty", "2")),
                bad("qty a fraction", "items[0].qty", body -> Api.firstItem(body).put("qty", 1.5)),
                bad("isbn missing", "items[0].isbn", body -> Api.firstItem(body).remove("isbn")),
                bad("isbn with a wrong check digit", "items[0].isbn", body -> Api.firstItem(body).put("isbn", "978-0-13-468599-2")),
                bad("isbn-10", "items[0].isbn", body -> Api.firstItem(body).put("isbn", "0134685997")),
                bad("isbn a number", "items[0].isbn", body -> Api.firstItem(body).put("isbn", 9780134685991L)),
                bad("the same book twice", "items[1].isbn", body -> items(body).add(Api.item(BOOK, 1))),
                bad("the same book in another spelling", "items[1].isbn",
                        body -> items(body).add(Api.item(BOOK.replace("-", ""), 1))),
                bad("payment_method missing", "payment_method", body -> body.remove("payment_method")),
                bad("payment_method card data", "payment_method", body -> body.put("payment_method", "4242424242424242")),
                bad("payment_method without pm_", "payment_method", body -> body.put("payment_method", "card_visa")),
                bad("payment_method too long", "payment_method", body -> body.put("payment_method", "pm_" + "a".repeat(101))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIsAValidationProblemNamingTheField(String description, String field, Map<String, Object> body) {
        Api.checkout(tenant, body)
                .spec(Api.problem(400, Api.VALIDATION))
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        Map<String, Object> body = Api.basket(BOOK, "123");
        Api.firstItem(body).put("qty", 0);
        body.put("payment_method", "visa");
        Api.checkout(tenant, body)
                .statusCode(400)
                .body("errors.field", hasItems("items[0].qty", "items[1].isbn", "payment_method"))
                .body("errors.size()", equalTo(3));
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(Api.newTenant());
    }

    /** The token is checked before the body is read; nothing is reserved, no order made, and the refusal is counted. */
    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenChecksOutNothing(TestTokens.Refused token) {
        String isbn = Databases.newBook(2);
        long ordersBefore = Databases.orderCount();

        token.assertRefused(token.request().contentType(ContentType.JSON).body(Api.basket(isbn)).post("/api/v2/checkout").then());
        token.assertRefused(token.request().contentType(ContentType.JSON).body("{not json").post("/api/v2/checkout").then());

        assertThat(Databases.stock(isbn)).isEqualTo(2);
        assertThat(Databases.orderCount()).isEqualTo(ordersBefore);
    }

    @Test
    void aMalformedIdempotencyKeyIsAValidationProblem() {
        for (String key : List.of("", "k".repeat(256), "key with spaces", "clé")) {
            Api.checkout(tenant, key, Api.basket(BOOK))
                    .statusCode(400)
                    .contentType(HttpHeaders.PROBLEM_JSON)
                    .body("errors[0].field", equalTo(HttpHeaders.IDEMPOTENCY_KEY));
        }
    }

    @Test
    void aMissingOrNonObjectBodyIsAValidationProblemOnTheBody() {
        Api.as(tenant).contentType(ContentType.JSON).post("/api/v2/checkout").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        Api.checkout(tenant, "[]")
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void problemBodiesNameNoInternals() {
        Map<String, Object> body = Api.basket(BOOK);
        Api.firstItem(body).put("qty", "two");
        String problem = Api.checkout(tenant, body).statusCode(400).extract().asString();
        assertThat(problem).doesNotContain("java.").doesNotContain("io.bookstore").doesNotContain("Exception");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    private static Arguments bad(String description, String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = Api.basket(BOOK);
        breakIt.accept(body);
        return Arguments.of(description, field, body);
    }
}
