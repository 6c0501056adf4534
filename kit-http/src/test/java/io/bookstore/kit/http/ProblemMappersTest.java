package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

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

    private static final String VALIDATION = "urn:bookstore:problem:validation";
    private static final String MALFORMED = "urn:bookstore:problem:malformed-request";

    @Test
    void everyBadFieldOfABodyIsNamedByItsJsonPathInOneProblem() {
        post("{\"items\":[{\"isbn\":\"978-0-13-468599-2\",\"qty\":1},null,{\"isbn\":\"9780134685991\",\"qty\":0}]}")
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(VALIDATION))
                .body("title", equalTo("The request is not valid"))
                .body("detail", equalTo("4 fields are invalid"))
                .body("errors.field", contains("items[0].isbn", "items[1]", "items[2].qty", "payment_method"))
                .body("errors[0].message", equalTo("must be an ISBN-13 with a valid check digit"));
    }

    @Test
    void oneBadFieldIsSaidInTheSingular() {
        post("{\"items\":[],\"payment_method\":null}")
                .statusCode(400)
                .body("detail", equalTo("1 field is invalid"))
                .body("errors.field", contains("payment_method"));
    }

    @Test
    void aValueOfTheWrongTypeIsAValidationProblemNamingIt() {
        post("{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":\"two\"}],\"payment_method\":\"pm_card_visa\"}")
                .statusCode(400)
                .body("type", equalTo(VALIDATION))
                .body("detail", equalTo("1 field is invalid"))
                .body("errors.field", contains("items[0].qty"))
                .body("errors.message", contains("must be a whole number"));
    }

    @Test
    void aMissingBodyOrOneThatIsNotAnObjectIsTheFieldBody() {
        given().header(Tenants.HEADER, "acme").contentType(ContentType.JSON).post("/kit/baskets").then()
                .statusCode(400)
                .body("type", equalTo(VALIDATION))
                .body("errors.field", contains("body"));
        post("[]")
                .statusCode(400)
                .body("type", equalTo(VALIDATION))
                .body("errors.field", contains("body"))
                .body("errors.message", contains("must be an object"));
    }

    @Test
    void unreadableJsonIsAMalformedRequestWithoutFields() {
        post("{\"items\": [")
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(MALFORMED))
                .body("detail", startsWith("the body cannot be read as JSON: "))
                .body("errors", nullValue());
    }

    @Test
    void parametersAreNamedAsTheClientSentThem() {
        given().queryParam("isbn", "9780134685991", "not-an-isbn").queryParam("limit", "abc").get("/kit/books").then()
                .statusCode(400)
                .body("type", equalTo(VALIDATION))
                .body("errors.field", contains("isbn[1]", "limit"))
                .body("errors.message", contains("must be an ISBN-13 with a valid check digit", "must be a whole number from 1 to 100"));
    }

    @Test
    void anInvalidRequestNamesItsFieldInASentence() {
        given().get("/kit/idempotency").then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo(VALIDATION))
                .body("detail", equalTo("Idempotency-Key must be sent once"))
                .body("errors[0].field", equalTo("Idempotency-Key"))
                .body("errors[0].message", equalTo("must be sent once"));
    }

    @Test
    void anUnknownPathIsANotFoundProblem() {
        given().get("/kit/nothing-here").then()
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"))
                .body("detail", equalTo("nothing is served at this path"));
    }

    @Test
    void aWrongMethodIsA405Problem() {
        given().delete("/kit/books").then()
                .statusCode(405)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Method Not Allowed"))
                .body("status", equalTo(405));
    }

    @Test
    void anUnservableAcceptIsA406Problem() {
        given().accept("text/csv").get("/kit/books").then()
                .statusCode(406)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("title", equalTo("Not Acceptable"));
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
        given().header(Tenants.HEADER, "acme").contentType(ContentType.TEXT).body("items=1").post("/kit/baskets").then()
                .statusCode(415)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:unsupported-media-type"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatNamesNothingInternal() {
        given().get("/kit/failure").then()
                .statusCode(500)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("title", equalTo("Internal Server Error"))
                .body("detail", equalTo("the request failed on the server; it may be retried"))
                .body(not(containsString("db-internal")))
                .body(not(containsString("Exception")));
    }

    static ValidatableResponse post(String body) {
        return given().header(Tenants.HEADER, "acme").contentType(ContentType.JSON).body(body).post("/kit/baskets").then();
    }
}
