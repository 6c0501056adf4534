package io.bookstore.orders;

import io.bookstore.contracts.HttpHeaders;
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

/** Every rejected POST /orders is a 4xx problem+json and writes nothing. */
@QuarkusTest
class ValidationTest {

    private static final String VALIDATION = "urn:bookstore:problem:validation";

    private OrdersDb.Counts before;

    @BeforeEach
    void countRows() {
        before = OrdersDb.counts();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(OrdersDb.counts()).isEqualTo(before);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                bad("currency missing", "currency", body -> body.remove("currency")),
                bad("currency lower case", "currency", body -> body.put("currency", "usd")),
                bad("currency not a string", "currency", body -> body.put("currency", 840)),
                bad("payment_method missing", "payment_method", body -> body.remove("payment_method")),
                bad("payment_method raw card data", "payment_method", body -> body.put("payment_method", "4242424242424242")),
                bad("payment_method without pm_ prefix", "payment_method", body -> body.put("payment_method", "card_visa")),
                bad("payment_method with a space", "payment_method", body -> body.put("payment_method", "pm_card visa")),
                bad("payment_method too long", "payment_method", body -> body.put("payment_method", "pm_" + "a".repeat(101))),
                bad("lines missing", "lines", body -> body.remove("lines")),
                bad("lines empty", "lines", body -> body.put("lines", List.of())),
                bad("51 lines", "lines", body -> body.put("lines",
                        IntStream.range(0, 51).mapToObj(i -> Api.line(Api.EFFECTIVE_JAVA, 1, 100)).toList())),
                bad("lines an object", "lines", body -> body.put("lines", Map.of("isbn", Api.EFFECTIVE_JAVA))),
                bad("a null line", "lines[2]", body -> lines(body).add(null)),
                bad("qty 0", "lines[0].qty", body -> Api.firstLine(body).put("qty", 0)),
                bad("qty negative", "lines[0].qty", body -> Api.firstLine(body).put("qty", -3)),
                bad("qty 101", "lines[0].qty", body -> Api.firstLine(body).put("qty", 101)),
                bad("qty missing", "lines[0].qty", body -> Api.firstLine(body).remove("qty")),
                bad("qty a string", "lines[0].qty", body -> Api.firstLine(body).put("qty", "2")),
                bad("qty a fraction", "lines[0].qty", body -> Api.firstLine(body).put("qty", 1.5)),
                bad("unit price negative", "lines[1].unit_price_cents", body -> lines(body).get(1).put("unit_price_cents", -1)),
                bad("unit price over 10 000 000", "lines[1].unit_price_cents",
                        body -> lines(body).get(1).put("unit_price_cents", 10_000_001)),
                bad("unit price missing", "lines[0].unit_price_cents", body -> Api.firstLine(body).remove("unit_price_cents")),
                bad("isbn missing", "lines[0].isbn", body -> Api.firstLine(body).remove("isbn")),
                bad("isbn with a wrong check digit", "lines[0].isbn", body -> Api.firstLine(body).put("isbn", "978-0-13-468599-2")),
                bad("isbn-10", "lines[0].isbn", body -> Api.firstLine(body).put("isbn", "0134685997")),
                bad("isbn as a number", "lines[0].isbn", body -> Api.firstLine(body).put("isbn", 9780134685991L)),
                bad("a line in another currency", "lines[1].currency", body -> lines(body).get(1).put("currency", "EUR")),
                bad("a line currency malformed", "lines[0].currency", body -> Api.firstLine(body).put("currency", "dollars")),
                bad("order_id not a uuid", "order_id", body -> body.put("order_id", "order-1")),
                bad("order_id a short uuid form", "order_id", body -> body.put("order_id", "1-2-3-4-5")),
                bad("order_id without hyphens", "order_id", body -> body.put("order_id", "6f1c1e7a3f0e4c579a430d7e4b1a2c11")),
                bad("order_id empty", "order_id", body -> body.put("order_id", "")),
                bad("order_id a number", "order_id", body -> body.put("order_id", 42)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadBodyIsAValidationProblemNamingTheField(String description, String field, Map<String, Object> body) {
        Api.create(Api.newTenant(), body)
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(VALIDATION))
                .body("status", equalTo(400))
                .body("title", equalTo("The request is not valid"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void everyBadFieldIsNamedInOneProblem() {
        Map<String, Object> body = Api.validOrder();
        body.put("currency", "usd");
        Api.firstLine(body).put("qty", 0);
        lines(body).get(1).put("isbn", "123");
        Api.create(Api.newTenant(), body)
                .statusCode(400)
                .body("errors.field", hasItems("currency", "lines[0].qty", "lines[1].isbn"))
                .body("errors.size()", equalTo(3));
    }

    @Test
    void aNumberTooLargeForItsFieldIsABadRequest() {
        Api.create(Api.newTenant(), """
                {"currency":"USD","payment_method":"pm_card_visa",
                 "lines":[{"isbn":"9780134685991","qty":100000000000000000000,"unit_price_cents":1}]}""")
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON);
    }

    @Test
    void aBodyThatIsNotAnObjectIsAValidationProblem() {
        Api.create(Api.newTenant(), "[]")
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void anEmptyBodyIsAValidationProblem() {
        Api.as(Api.newTenant()).contentType(ContentType.JSON).post("/orders").then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(VALIDATION))
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void anIdempotencyKeyOver255CharactersIsAValidationProblem() {
        Api.create(Api.newTenant(), "k".repeat(256), Api.validOrder())
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors[0].field", equalTo(HttpHeaders.IDEMPOTENCY_KEY));
    }

    @Test
    void anEmptyOrNonAsciiIdempotencyKeyIsAValidationProblem() {
        for (String key : List.of("", "key with spaces", "clé")) {
            Api.create(Api.newTenant(), key, Api.validOrder())
                    .statusCode(400)
                    .body("errors[0].field", equalTo(HttpHeaders.IDEMPOTENCY_KEY));
        }
    }

    @Test
    void problemBodiesNameNoInternals() {
        String body = Api.create(Api.newTenant(), Map.of("currency", "USD", "payment_method", "pm_x", "lines",
                List.of(Map.of("isbn", Api.EFFECTIVE_JAVA, "qty", "two", "unit_price_cents", 1))))
                .statusCode(400)
                .body("errors[0].field", equalTo("lines[0].qty"))
                .extract().asString();
        assertThat(body).doesNotContain("java.").doesNotContain("io.bookstore").doesNotContain("Exception");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> body) {
        return (List<Map<String, Object>>) body.get("lines");
    }

    private static Arguments bad(String description, String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = Api.validOrder();
        breakIt.accept(body);
        return Arguments.of(description, field, body);
    }
}
