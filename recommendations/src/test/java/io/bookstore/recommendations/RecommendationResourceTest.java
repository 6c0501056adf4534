package io.bookstore.recommendations;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.contracts.Isbn;
import io.bookstore.recommendations.support.OrderRecord;
import io.bookstore.recommendations.support.TestDatabase;
import io.bookstore.recommendations.support.TestTenants;
import io.bookstore.testkit.Isbns;
import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.bookstore.recommendations.support.OrderRecord.line;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * {@code GET /recommendations} over the counts of real paid orders, sent through the topic
 * once for the class. The shop's orders, and what they make of each book:
 * <pre>
 *   1: A B C      co-purchases of A: B 3 (orders 1, 2, 7), C 2 (1, 3),
 *   2: A 2xB                         E 1, D 1, G 1, H 1
 *   3: A C        copies sold: F 10, A 7, B 5, E 4, C 2, D 1, G 1, H 1
 *   4: A D        (D, G and H tie on everything but their ISBN)
 *   5: B 3xE
 *   6: 10xF
 *   7: A B
 *   8: A E
 *   9: A G H
 * </pre>
 * Another tenant bought A with Z.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationResourceTest {

    private final String shop = TestTenants.fresh("shop");
    private final String otherShop = TestTenants.fresh("other");
    private String a;
    private String b;
    private String c;
    private String d;
    private String e;
    private String f;
    private String g;
    private String h;
    private String z;
    /** D, G and H in ISBN order: the order of a tie. */
    private List<String> dgh;

    @BeforeAll
    void payOrders() {
        List<String> books = Stream.generate(Isbns::next).limit(9).toList();
        a = books.get(0);
        b = books.get(1);
        c = books.get(2);
        // D, G and H are given in a scrambled ISBN order, so that a tie resolved by insertion order would show.
        h = books.get(3);
        d = books.get(4);
        g = books.get(5);
        e = books.get(6);
        f = books.get(7);
        z = books.get(8);
        dgh = Stream.of(d, g, h).map(Isbn::digits).sorted().toList();

        List<OrderRecord> orders = List.of(
                OrderRecord.paid(shop, line(a, 1), line(b, 1), line(c, 1)),
                OrderRecord.paid(shop, line(a, 1), line(b, 2)),
                OrderRecord.paid(shop, line(Isbn.digits(a), 1), line(c, 1)),
                OrderRecord.paid(shop, line(a, 1), line(d, 1)),
                OrderRecord.paid(shop, line(b, 1), line(e, 3)),
                OrderRecord.paid(shop, line(f, 10)),
                OrderRecord.paid(shop, line(a, 1), line(Isbn.digits(b), 1)),
                OrderRecord.paid(shop, line(a, 1), line(e, 1)),
                OrderRecord.paid(shop, line(a, 1), line(g, 1), line(h, 1)),
                OrderRecord.paid(otherShop, line(a, 1), line(z, 4)));
        OrderRecord.sendAll(orders.toArray(OrderRecord[]::new));
        TestDatabase.awaitProcessed(orders.stream().map(OrderRecord::eventId).toList());
    }

    @Test
    void booksBoughtTogetherComeFirstByOrdersThenPopularityThenIsbnAndPopularOnesFillUp() {
        recommend(shop, a, 10)
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("isbn", equalTo(a))
                .body("recommendations.isbn", contains(digits(b, c, e, dgh.get(0), dgh.get(1), dgh.get(2), f)))
                .body("recommendations.score", contains(3, 2, 1, 1, 1, 1, 10))
                .body("recommendations.reason", contains(
                        "bought_together", "bought_together", "bought_together", "bought_together",
                        "bought_together", "bought_together", "popular"));
    }

    @Test
    void theLimitCutsTheListAndDefaultsToFive() {
        recommend(shop, a, 2)
                .statusCode(200)
                .body("recommendations.isbn", contains(digits(b, c)))
                .body("recommendations.score", contains(3, 2));
        given().auth().oauth2(TestTokens.shared().shopper(shop)).queryParam("isbn", a)
                .when().get("/recommendations")
                .then().statusCode(200)
                .body("recommendations.isbn", contains(digits(b, c, e, dgh.get(0), dgh.get(1))));
        // An empty limit counts as none given.
        given().auth().oauth2(TestTokens.shared().shopper(shop)).urlEncodingEnabled(false)
                .when().get("/recommendations?isbn=" + a + "&limit=")
                .then().statusCode(200)
                .body("recommendations", hasSize(5));
    }

    @Test
    void aBookBoughtOnlyAloneGetsThePopularOnesButNeverItself() {
        recommend(shop, f, 4)
                .statusCode(200)
                .body("isbn", equalTo(f))
                .body("recommendations.isbn", contains(digits(a, b, e, c)))
                .body("recommendations.score", contains(7, 5, 4, 2))
                .body("recommendations.reason", contains("popular", "popular", "popular", "popular"));
    }

    @Test
    void theIsbnIsEchoedAsSpelledWhileRecommendationsAreDigits() {
        String spelled = Isbn.digits(c);
        recommend(shop, spelled, 2)
                .statusCode(200)
                .body("isbn", equalTo(spelled))
                .body("recommendations.isbn", contains(digits(a, b)))
                .body("recommendations.score", contains(2, 1))
                .body("recommendations.reason", contains("bought_together", "bought_together"));
    }

    @Test
    void anUnknownBookGetsTheMostPopularBooks() {
        String unknown = Isbns.next();
        recommend(shop, unknown, 50)
                .statusCode(200)
                .body("isbn", equalTo(unknown))
                .body("recommendations.isbn", contains(digits(f, a, b, e, c, dgh.get(0), dgh.get(1), dgh.get(2))))
                .body("recommendations.score", contains(10, 7, 5, 4, 2, 1, 1, 1))
                .body("recommendations", hasSize(8))
                .body("recommendations.reason", everyItem(equalTo("popular")));
    }

    @Test
    void anotherTenantsOrdersNeverShow() {
        recommend(otherShop, a, 10)
                .statusCode(200)
                .body("recommendations.isbn", contains(Isbn.digits(z)))
                .body("recommendations.score", contains(1))
                .body("recommendations.reason", contains("bought_together"));
        recommend(otherShop, b, 10)
                .statusCode(200)
                .body("recommendations.isbn", contains(digits(z, a)))
                .body("recommendations.score", contains(4, 1))
                .body("recommendations.reason", contains("popular", "popular"));
    }

    @Test
    void aTenantWithoutPaidOrdersGetsAnEmptyList() {
        recommend(TestTenants.fresh("empty"), a, 5)
                .statusCode(200)
                .body("isbn", equalTo(a))
                .body("recommendations", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"978-0-13-468599-2", "9780134685", "97801346859910", "978-0-13-46859X-1", "978--0134685991", "-9780134685991", "isbn"})
    void anInvalidIsbnIsA400NamingIt(String isbn) {
        recommend(shop, isbn, 5)
                .statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("status", equalTo(400))
                .body("errors.field", contains("isbn"))
                .body("errors.message", contains("must be an ISBN-13 with a valid check digit"));
    }

    /** An empty parameter counts as a missing one. */
    @ParameterizedTest
    @ValueSource(strings = {"/recommendations", "/recommendations?isbn=", "/recommendations?limit=3"})
    void aMissingIsbnIsA400NamingIt(String uri) {
        assertNamesTheBadParameter(given().auth().oauth2(TestTokens.shared().shopper(shop)).urlEncodingEnabled(false)
                .when().get(uri).then(), "isbn", "is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "51", "-1", "abc", "1.5", "99999999999999999999", " 5"})
    void aLimitOutside1To50IsA400NamingIt(String limit) {
        assertNamesTheBadParameter(given().auth().oauth2(TestTokens.shared().shopper(shop)).queryParam("isbn", a).queryParam("limit", limit)
                .when().get("/recommendations").then(), "limit", "must be a whole number from 1 to 50");
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        given().auth().oauth2(TestTokens.shared().shopper(shop)).queryParam("isbn", "123").queryParam("limit", "0")
                .when().get("/recommendations")
                .then().statusCode(400)
                .body("errors.field", contains("isbn", "limit"));
    }

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused(TestTenants.fresh("refused"));
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void recommendationsNeedAShoppersTokenNamingATenant(TestTokens.Refused token) {
        token.assertRefused(token.request().queryParam("isbn", a).when().get("/recommendations").then());
    }

    @Test
    void theTenantComesFromTheTokenAndNotFromAHeader() {
        given().auth().oauth2(TestTokens.shared().shopper(otherShop)).header("X-Tenant-Id", shop)
                .queryParam("isbn", a).queryParam("limit", 5)
                .when().get("/recommendations")
                .then().statusCode(200)
                .body("recommendations.isbn", contains(Isbn.digits(z)));
    }

    private static ValidatableResponse recommend(String tenant, String isbn, int limit) {
        return given().auth().oauth2(TestTokens.shared().shopper(tenant)).queryParam("isbn", isbn).queryParam("limit", limit)
                .when().get("/recommendations")
                .then();
    }

    private static String[] digits(String... isbns) {
        return Stream.of(isbns).map(Isbn::digits).toArray(String[]::new);
    }

    /** A 400 validation problem naming only the one parameter, with the reason. */
    private static void assertNamesTheBadParameter(ValidatableResponse response, String parameter, String message) {
        response.statusCode(400)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("type", equalTo("urn:bookstore:problem:validation"))
                .body("errors.field", contains(parameter))
                .body("errors.message", contains(message));
    }
}
