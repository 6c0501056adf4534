package io.bookstore.kit.http;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.bookstore.kit.http.KitRequests.MALFORMED;
import static io.bookstore.kit.http.KitRequests.VALIDATION;
import static io.bookstore.kit.http.KitRequests.postBasket;
import static io.bookstore.kit.http.KitRequests.problem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** JSON is read as written: no value turns into another type on the way in, and nothing but white space follows the document. */
@QuarkusTest
class StrictJsonTest {

    @Test
    void aValueOfAnotherTypeIsRefusedWhereJacksonWouldCoerceIt() {
        // An item with one value of the wrong type, and the field it must be named by.
        Map<String, String> items = Map.of(
                "{\"isbn\":\"9780134685991\",\"qty\":1.5}", "items[0].qty",
                "{\"isbn\":\"9780134685991\",\"qty\":\"2\"}", "items[0].qty",
                "{\"isbn\":\"9780134685991\",\"qty\":true}", "items[0].qty",
                "{\"isbn\":9780134685991,\"qty\":1}", "items[0].isbn",
                "{\"isbn\":true,\"qty\":1}", "items[0].isbn");
        items.forEach((item, field) -> problem(postBasket("{\"items\":[" + item + "],\"payment_method\":\"pm_card_visa\"}"),
                400, VALIDATION)
                .body("errors.field", contains(field)));
    }

    @Test
    void textAfterTheDocumentIsUnreadableJson() {
        problem(postBasket("{\"items\":[],\"payment_method\":\"pm_card_visa\"} trailing"), 400, MALFORMED)
                .body("detail", startsWith("the body cannot be read as JSON"));
    }

    @Test
    void bodiesAreSnakeCaseBothWays() {
        postBasket("{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":2}],\"payment_method\":\"pm_card_visa\"}")
                .statusCode(200)
                .body("basket.payment_method", equalTo("pm_card_visa"))
                .body("basket.items[0].qty", equalTo(2));
    }
}
