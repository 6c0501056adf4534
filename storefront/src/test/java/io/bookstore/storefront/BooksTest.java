package io.bookstore.storefront;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
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

    @Test
    void aBookHasItsTitleAuthorAndPrice() {
        for (String spelling : List.of(EFFECTIVE_JAVA, "9780134685991")) {
            RestAssured.given().get("/api/v2/books/" + spelling).then()
                    .statusCode(200)
                    .body("isbn", equalTo(EFFECTIVE_JAVA))
                    .body("title", equalTo("Effective Java"))
                    .body("author", equalTo("Joshua Bloch"))
                    .body("price_cents", equalTo(4999))
                    .body("currency", equalTo("USD"));
        }
    }

    @Test
    void aBookCatalogDoesNotSellIsNotFound() {
        RestAssured.given().get("/api/v2/books/978-1-4028-9462-6").then()
                .statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"));
    }

    @Test
    void anInvalidIsbnIsAValidationProblem() {
        RestAssured.given().get("/api/v2/books/978-0-13-468599-2").then()
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors[0].field", equalTo("isbn"));
    }

    @Test
    void pagingParametersOutOfBoundsAreValidationProblems() {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=1000001")) {
            String parameter = query.substring(0, query.indexOf('='));
            RestAssured.given().get("/api/v2/books?" + query).then()
                    .statusCode(400)
                    .contentType(HttpHeaders.PROBLEM_JSON)
                    .body("type", equalTo(Api.VALIDATION))
                    .body("errors[0].field", equalTo(parameter));
        }
    }

    @Test
    void booksNeedNoTenantButRefuseAMalformedOne() {
        RestAssured.given().header(Tenants.HEADER, Api.newTenant()).get("/api/v2/books/" + EFFECTIVE_JAVA).then()
                .statusCode(200);
        RestAssured.given().header(Tenants.HEADER, "Not A Tenant").get("/api/v2/books/" + EFFECTIVE_JAVA).then()
                .statusCode(400)
                .body("errors[0].field", equalTo(Tenants.HEADER));
    }

    private static List<String> page(String query) {
        return RestAssured.given().get("/api/v2/books?" + query).then()
                .statusCode(200)
                .body("[0].title", notNullValue())
                .body("[0].price_cents", notNullValue())
                .extract().path("isbn");
    }
}
