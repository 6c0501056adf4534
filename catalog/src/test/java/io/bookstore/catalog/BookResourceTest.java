package io.bookstore.catalog;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.Isbns;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class BookResourceTest {

    @Test
    void getsABookByItsHyphenatedIsbn() {
        given().when().get("/catalog/items/{isbn}", TestDatabase.EFFECTIVE_JAVA)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("isbn", equalTo(TestDatabase.EFFECTIVE_JAVA))
                .body("title", equalTo("Effective Java"))
                .body("author", equalTo("Joshua Bloch"))
                .body("price_cents", equalTo(4999))
                .body("currency", equalTo("USD"))
                .body("stock", equalTo(500));
    }

    @Test
    void getsTheSameBookByDigitsOnly() {
        given().when().get("/catalog/items/9780134685991")
                .then().statusCode(200)
                .body("isbn", equalTo(TestDatabase.EFFECTIVE_JAVA))
                .body("title", equalTo("Effective Java"));
    }

    @Test
    void unknownBookIsA404Problem() {
        String unknown = "978-3-16-148410-0";
        given().when().get("/catalog/items/{isbn}", unknown)
                .then().statusCode(404)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No book with ISBN " + unknown));
    }

    @Test
    void theForcedFailureItemIsNeverListedButCanBeFetched() {
        List<String> listed = new ArrayList<>();
        List<String> page;
        do {
            page = given().queryParam("limit", 100).queryParam("offset", listed.size())
                    .when().get("/catalog/items")
                    .then().statusCode(200)
                    .extract().jsonPath().getList("isbn", String.class);
            listed.addAll(page);
        } while (!page.isEmpty());
        assertThat(listed).isNotEmpty().doesNotContain(ForcedFailureTest.FORCED_ISBN);
        given().when().get("/catalog/items/" + ForcedFailureTest.FORCED_ISBN)
                .then().statusCode(200)
                .body("title", equalTo("__forced_500__"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"978-0-13-468599-2", "9780134685", "97801346859910", "978-0-13-46859X-1", "978--0134685991"})
    void invalidIsbnInThePathIsA400NamingIt(String isbn) {
        given().when().get("/catalog/items/{isbn}", isbn)
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains("isbn"));
    }

    @Test
    void findsSeveralBooksInTheOrderAskedSkippingUnknownAndRepeatedOnes() {
        given().queryParam("isbn", "978-0-201-63361-0", "978-3-16-148410-0", "9780134685991", TestDatabase.EFFECTIVE_JAVA)
                .when().get("/catalog/items")
                .then().statusCode(200)
                .body("isbn", contains("978-0-201-63361-0", TestDatabase.EFFECTIVE_JAVA))
                .body("[0].title", equalTo("Design Patterns: Elements of Reusable Object-Oriented Software"))
                .body("[1].price_cents", equalTo(4999));
    }

    @Test
    void anInvalidIsbnAmongSeveralIsNamedByPosition() {
        given().queryParam("isbn", TestDatabase.EFFECTIVE_JAVA, "not-an-isbn")
                .when().get("/catalog/items")
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("errors.field", contains("isbn[1]"));
    }

    @Test
    void moreThanAHundredIsbnsAreRefused() {
        List<String> isbns = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            isbns.add(TestDatabase.EFFECTIVE_JAVA);
        }
        given().queryParam("isbn", isbns)
                .when().get("/catalog/items")
                .then().statusCode(400)
                .body("errors.field", contains("isbn"));
    }

    @Test
    void withoutIsbnListsTheCatalogInIsbnOrder() throws SQLException {
        List<String> firstTwenty = isbnsInOrder(20, 0);
        given().when().get("/catalog/items")
                .then().statusCode(200)
                .body("isbn", equalTo(firstTwenty));

        List<String> page = isbnsInOrder(5, 7);
        given().queryParam("limit", 5).queryParam("offset", 7)
                .when().get("/catalog/items")
                .then().statusCode(200)
                .body("isbn", equalTo(page))
                .body("$", hasSize(5));
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,101", "limit,abc", "offset,-1", "offset,1000001", "offset,1.5"})
    void pagingOutOfBoundsIsA400NamingTheParameter(String parameter, String value) {
        given().queryParam(parameter, value)
                .when().get("/catalog/items")
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains(parameter));
    }

    @Test
    void searchFindsATitleWordInAnyCaseInTitleOrder() {
        search("pragmatic")
                .body("title", contains("The Pragmatic Programmer", "The Pragmatic Programmer, 20th Anniversary Edition"))
                .body("[0].isbn", equalTo("978-0-201-61622-4"))
                .body("[0].price_cents", equalTo(3499))
                .body("[0].stock", equalTo(25));
    }

    @Test
    void searchFindsAnAuthorWrittenInAnotherCase() {
        search("mARTIN fOWLER")
                .body("title", contains("Patterns of Enterprise Application Architecture", "Refactoring"))
                .body("author", contains("Martin Fowler", "Martin Fowler"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-13-468599", "013468599", "468599-1"})
    void searchFindsAnIsbnFragmentWithOrWithoutHyphens(String fragment) {
        search(fragment)
                .body("isbn", contains(TestDatabase.EFFECTIVE_JAVA))
                .body("[0].title", equalTo("Effective Java"));
    }

    @Test
    void searchPagesWithLimitAndOffset() {
        given().queryParam("q", "Pragmatic").queryParam("limit", 1).queryParam("offset", 1)
                .when().get("/catalog/items")
                .then().statusCode(200)
                .body("title", contains("The Pragmatic Programmer, 20th Anniversary Edition"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Worth 100% Of It   | Worth 1000 Of It",
            "snake_case Recipes | snakeXcase Recipes",
            "Back\\slash Tales   | Backslash Tales"})
    void searchMatchesWildcardCharactersLiterally(String title, String lookalike) throws SQLException {
        String literal = insertBook(title, "Search Test");
        String other = insertBook(lookalike, "Search Test");
        List<String> found = search(title).extract().jsonPath().getList("isbn", String.class);
        assertThat(found).contains(literal).doesNotContain(other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankSearchIsThePlainPage(String blank) throws SQLException {
        given().queryParam("q", blank).queryParam("limit", 5).queryParam("offset", 3)
                .when().get("/catalog/items")
                .then().statusCode(200)
                .body("isbn", equalTo(isbnsInOrder(5, 3)));
    }

    @Test
    void theForcedFailureItemIsNotFoundBySearch() {
        search(ForcedFailureTest.FORCED_ISBN).body("$", empty());
        search("forced_500").body("$", empty());
    }

    @Test
    void aSearchOfAHundredCharactersIsServed() {
        search("x".repeat(100)).body("$", empty());
    }

    static Stream<String> refusedSearches() {
        return Stream.of("q=" + "x".repeat(101), "q=Java%00", "q=Java&isbn=" + TestDatabase.EFFECTIVE_JAVA);
    }

    @ParameterizedTest
    @MethodSource("refusedSearches")
    void aSearchTooLongWithANulCharacterOrWithIsbnsIsA400NamingQ(String query) {
        given().urlEncodingEnabled(false)
                .when().get("/catalog/items?" + query)
                .then().statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains("q"));
    }

    /** A search, answered with 200. */
    private static ValidatableResponse search(String q) {
        return given().queryParam("q", q).when().get("/catalog/items").then().statusCode(200);
    }

    /** A book with the given title and author, for one test; returns its ISBN. */
    private static String insertBook(String title, String author) throws SQLException {
        String isbn = Isbns.next();
        try (Connection conn = TestDatabase.connect();
             PreparedStatement insert = conn.prepareStatement(
                     "INSERT INTO books (isbn, title, author, price_cents, currency, stock) VALUES (?, ?, ?, 1500, 'USD', 10)")) {
            insert.setString(1, isbn);
            insert.setString(2, title);
            insert.setString(3, author);
            insert.executeUpdate();
        }
        return isbn;
    }

    private static List<String> isbnsInOrder(int limit, int offset) throws SQLException {
        List<String> isbns = new ArrayList<>();
        try (Connection conn = TestDatabase.connect(); Statement query = conn.createStatement();
             ResultSet rows = query.executeQuery("SELECT isbn FROM books WHERE title <> '__forced_500__' ORDER BY isbn LIMIT " + limit + " OFFSET " + offset)) {
            while (rows.next()) {
                isbns.add(rows.getString(1));
            }
        }
        assertThat(isbns).hasSize(limit);
        return isbns;
    }
}
