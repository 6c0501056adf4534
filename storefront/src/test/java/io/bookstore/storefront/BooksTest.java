package io.bookstore.storefront;

import io.bookstore.contracts.HttpHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class BooksTest {

    private static final String EFFECTIVE_JAVA = "978-0-13-468599-1";

    @Test
    void pagesFollowOneAnotherAsCatalogOrdersThem() {
        List<String> first = page("limit=5&offset=0");
        List<String> second = page("limit=5&offset=5");
        List<String> both = page("limit=10&offset=0");

        assertThat(first).hasSize(5);
        assertThat(second).hasSize(5);
        assertThat(both).containsExactlyElementsOf(Stream.concat(first.stream(), second.stream()).toList());
        assertThat(RestAssured.given().get("/api/v2/books").then().statusCode(200).extract().<List<String>>path("isbn"))
                .as("the default page").hasSize(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {EFFECTIVE_JAVA, "9780134685991"})
    void aBookHasItsTitleAuthorAndPrice(String spelling) {
        RestAssured.given().get("/api/v2/books/" + spelling).then()
                .statusCode(200)
                .body("isbn", equalTo(EFFECTIVE_JAVA))
                .body("title", equalTo("Effective Java"))
                .body("author", equalTo("Joshua Bloch"))
                .body("price_cents", equalTo(4999))
                .body("currency", equalTo("USD"));
    }

    @Test
    void aBookCatalogDoesNotSellIsNotFound() {
        RestAssured.given().get("/api/v2/books/978-1-4028-9462-6").then()
                .spec(Api.problem(404, "urn:bookstore:problem:not-found"));
    }

    @Test
    void anInvalidIsbnIsAValidationProblem() {
        RestAssured.given().get("/api/v2/books/978-0-13-468599-2").then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors[0].field", equalTo("isbn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "offset=-1", "offset=1000001"})
    void pagingParametersOutOfBoundsAreValidationProblems(String query) {
        RestAssured.given().get("/api/v2/books?" + query).then()
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors[0].field", equalTo(query.substring(0, query.indexOf('='))));
    }

    @Test
    void aSearchFindsBooksByTitleInTitleOrderWithPricesAndStock() {
        RestAssured.given().queryParam("q", "PRAGMATIC programmer").get("/api/v2/books").then()
                .statusCode(200)
                .body("title", contains("The Pragmatic Programmer", "The Pragmatic Programmer, 20th Anniversary Edition"))
                .body("[1].isbn", equalTo("978-0-13-595705-9"))
                .body("[1].price_cents", equalTo(3499))
                .body("[1].stock", notNullValue());
        RestAssured.given().queryParam("q", "Pragmatic").queryParam("limit", 1).queryParam("offset", 1).get("/api/v2/books").then()
                .statusCode(200)
                .body("title", contains("The Pragmatic Programmer, 20th Anniversary Edition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-13-468599", "013468599", "joshua bloch"})
    void aSearchFindsABookByIsbnFragmentOrAuthor(String q) {
        RestAssured.given().queryParam("q", q).get("/api/v2/books").then()
                .statusCode(200)
                .body("isbn", contains(EFFECTIVE_JAVA));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankSearchIsThePlainPage(String blank) {
        assertThat(RestAssured.given().queryParam("q", blank).queryParam("limit", 5).get("/api/v2/books").then()
                .statusCode(200)
                .extract().<List<String>>path("isbn"))
                .containsExactlyElementsOf(page("limit=5&offset=0"));
    }

    @Test
    void aSearchOverAHundredCharactersIsAValidationProblemNamingQ() {
        RestAssured.given().queryParam("q", "x".repeat(100)).get("/api/v2/books").then()
                .statusCode(200);
        RestAssured.given().queryParam("q", "x".repeat(101)).get("/api/v2/books").then()
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void catalogsRefusalOfASearchIsPassedOn() {
        RestAssured.given().urlEncodingEnabled(false).queryParam("q", "Java%00").get("/api/v2/books").then()
                .spec(Api.problem(400, Api.VALIDATION))
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void booksAreOpenToAnyoneAndLookAtNoToken() {
        RestAssured.given().get("/api/v2/books/" + EFFECTIVE_JAVA).then()
                .statusCode(200);
        Api.as(Api.newTenant()).get("/api/v2/books/" + EFFECTIVE_JAVA).then()
                .statusCode(200);
        RestAssured.given().auth().oauth2("not-a-token").get("/api/v2/books/" + EFFECTIVE_JAVA).then()
                .statusCode(200);
    }

    private static List<String> page(String query) {
        return RestAssured.given().get("/api/v2/books?" + query).then()
                .statusCode(200)
                .body("[0].title", notNullValue())
                .body("[0].price_cents", notNullValue())
                .extract().path("isbn");
    }
}
