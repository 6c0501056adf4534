package io.bookstore.kit.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.bookstore.kit.http.KitRequests.MALFORMED;
import static io.bookstore.kit.http.KitRequests.VALIDATION;
import static io.bookstore.kit.http.KitRequests.postBasket;
import static io.bookstore.kit.http.KitRequests.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every generic failure of an API on the kit is a problem+json with the status, type and fields a client acts on. */
@QuarkusTest
class ProblemMappersTest {

    @Test
    void everyBadFieldOfABodyIsNamedByItsJsonPathInOneProblem() {
        problem(postBasket("{\"items\":[{\"isbn\":\"978-0-13-468599-2\",\"qty\":1},null,{\"isbn\":\"9780134685991\",\"qty\":0}]}"),
                400, VALIDATION)
                .body("title", equalTo("The request is not valid"))
                .body("detail", equalTo("4 fields are invalid"))
                .body("errors.field", contains("items[0].isbn", "items[1]", "items[2].qty", "payment_method"))
                .body("errors[0].message", equalTo("must be an ISBN-13 with a valid check digit"));
    }

    @Test
    void oneBadFieldIsSaidInTheSingular() {
        problem(postBasket("{\"items\":[],\"payment_method\":null}"), 400, VALIDATION)
                .body("detail", equalTo("1 field is invalid"))
                .body("errors.field", contains("payment_method"));
    }

    @Test
    void copiesAreRequiredAndFromOneToTheMostALineMayHoldEachSaidOnce() {
        problem(postBasket("{\"items\":[{\"isbn\":\"9780134685991\"},{\"isbn\":\"9780134685991\",\"qty\":0},"
                + "{\"isbn\":\"9780134685991\",\"qty\":101},{\"isbn\":\"9780134685991\",\"qty\":100}],"
                + "\"payment_method\":\"pm_card_visa\"}"), 400, VALIDATION)
                .body("errors.field", contains("items[0].qty", "items[1].qty", "items[2].qty"))
                .body("errors.message", contains("is required", "must be between 1 and 100", "must be between 1 and 100"));
    }

    @Test
    void aValueOfTheWrongTypeIsAValidationProblemNamingIt() {
        String qtyInWords = "{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":\"two\"}],\"payment_method\":\"pm_card_visa\"}";
        problem(postBasket(qtyInWords), 400, VALIDATION)
                .body("errors.message", contains("must be a whole number"))
                .body("errors.field", contains("items[0].qty"));
    }

    @Test
    void aMissingBodyOrOneThatIsNotAnObjectIsTheFieldBody() {
        problem(given().auth().oauth2(KitRequests.ACME).contentType(ContentType.JSON).post("/kit/baskets").then(), 400, VALIDATION)
                .body("errors.field", contains("body"));
        problem(postBasket("[]"), 400, VALIDATION)
                .body("errors.field", contains("body"))
                .body("errors.message", contains("must be an object"));
    }

    @Test
    void unreadableJsonIsAMalformedRequestWithoutFields() {
        problem(postBasket("{\"items\": ["), 400, MALFORMED)
                .body("detail", startsWith("the body cannot be read as JSON: "))
                .body("errors", nullValue());
    }

    @Test
    void parametersAreNamedAsTheClientSentThem() {
        problem(given().queryParam("isbn", "9780134685991", "not-an-isbn").queryParam("limit", "abc").get("/kit/books").then(),
                400, VALIDATION)
                .body("errors.field", contains("isbn[1]", "limit"))
                .body("errors.message", contains("must be an ISBN-13 with a valid check digit", "must be a whole number from 1 to 100"));
    }

    @Test
    void anInvalidRequestNamesItsFieldInASentence() {
        problem(given().get("/kit/idempotency").then(), 400, VALIDATION)
                .body("detail", equalTo("Idempotency-Key must be sent once"))
                .body("errors[0].field", equalTo("Idempotency-Key"))
                .body("errors[0].message", equalTo("must be sent once"));
    }

    @Test
    void theHttpLayersRefusalsAreProblems() {
        problem(given().get("/kit/nothing-here").then(), 404, "urn:bookstore:problem:not-found")
                .body("detail", equalTo("nothing is served at this path"));
        problem(given().delete("/kit/books").then(), 405, "about:blank")
                .body("title", equalTo("Method Not Allowed"));
        problem(given().accept("text/csv").get("/kit/books").then(), 406, "about:blank")
                .body("title", equalTo("Not Acceptable"));
        problem(given().auth().oauth2(KitRequests.ACME).contentType(ContentType.TEXT).body("items=1").post("/kit/baskets").then(),
                415, "urn:bookstore:problem:unsupported-media-type");
    }

    @Test
    void anUnexpectedFailureIsA500ThatNamesNothingInternal() {
        problem(given().get("/kit/failure").then(), 500, "about:blank")
                .body("title", equalTo("Internal Server Error"))
                .body("detail", equalTo("the request failed on the server; it may be retried"))
                .body(not(containsString("db-internal")))
                .body(not(containsString("Exception")));
    }
}
