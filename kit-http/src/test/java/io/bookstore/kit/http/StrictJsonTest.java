package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** JSON is read as written: no value turns into another type on the way in, and nothing but white space follows the document. */
@QuarkusTest
class StrictJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a fraction for a whole number|\"qty\":1.5|items[0].qty",
            "a string for a whole number|\"qty\":\"2\"|items[0].qty",
            "a boolean for a whole number|\"qty\":true|items[0].qty",
            "a number for a string|\"isbn\":9780134685991|items[0].isbn",
            "a boolean for a string|\"isbn\":true|items[0].isbn"})
    void aValueOfAnotherTypeIsRefused(String description, String value, String field) {
        String item = value.startsWith("\"qty\"") ? "{\"isbn\":\"9780134685991\"," + value + "}" : "{" + value + ",\"qty\":1}";
        ProblemMappersTest.post("{\"items\":[" + item + "],\"payment_method\":\"pm_card_visa\"}")
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains(field));
    }

    @Test
    void textAfterTheDocumentIsUnreadableJson() {
        ProblemMappersTest.post("{\"items\":[],\"payment_method\":\"pm_card_visa\"} trailing")
                .statusCode(400)
                .body("type", equalTo("urn:bookstore:problem:malformed-request"))
                .body("detail", startsWith("the body cannot be read as JSON"));
    }

    @Test
    void bodiesAreSnakeCaseBothWays() {
        ProblemMappersTest.post("{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":2}],\"payment_method\":\"pm_card_visa\"}")
                .statusCode(200)
                .body("basket.payment_method", equalTo("pm_card_visa"))
                .body("basket.items[0].qty", equalTo(2));
    }
}
