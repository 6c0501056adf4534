package io.bookstore.kit.http;

import io.bookstore.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.bookstore.kit.http.KitRequests.ACME;
import static io.bookstore.kit.http.KitRequests.BASKET;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * The caller of a tenant-scoped endpoint: a verified shopper's token naming a tenant, checked
 * before the body is read; the tenant in the request's log lines only; no header can name
 * another. Endpoints that are not scoped never look at a token.
 */
@QuarkusTest
class TenantFilterTest {

    static List<TestTokens.Refused> refusedTokens() {
        return TestTokens.shared().refused("acme");
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aScopedEndpointRefusesABadTokenBeforeReadingTheBody(TestTokens.Refused token) {
        token.assertRefused(token.request().contentType(ContentType.JSON).body("{not json").post("/kit/baskets").then());
    }

    @Test
    void aTokenSignedWithAKeyTheRealmPublishedAfterTheStartIsAccepted() {
        // The service read the realm's keys at start; the new kid makes it read them again.
        given().auth().oauth2(TestTokens.afterKeyRotation().shopper("acme"))
                .contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then()
                .statusCode(200)
                .body("tenant", equalTo("acme"));
    }

    @Test
    void anEndpointThatIsNotScopedIgnoresTokensEvenBadOnes() {
        given().get("/kit/books").then()
                .statusCode(200)
                .body("logged_tenant", equalTo(""));
        given().auth().oauth2("not-a-token").get("/kit/books").then()
                .statusCode(200)
                .body("logged_tenant", equalTo(""));
    }

    @Test
    void theTenantComesFromTheTokenAloneAndNotFromAHeader() {
        given().auth().oauth2(ACME).header("X-Tenant-Id", "globex").contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then()
                .statusCode(200)
                .body("tenant", equalTo("acme"));
    }

    @Test
    void theTenantLabelsTheRequestsLogLinesAndLeavesWithTheResponse() {
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then()
                .statusCode(200)
                .body("logged_tenant", equalTo("acme"))
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
        given().auth().oauth2(TestTokens.shared().shopper("globex")).contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then()
                .statusCode(200)
                .body("logged_tenant", equalTo("globex"))
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
    }

    @Test
    void theTenantLeavesTheLogLinesWhenTheRequestIsRefused() {
        given().auth().oauth2(ACME).contentType(ContentType.JSON).body("{not json").post("/kit/baskets").then()
                .statusCode(400)
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
    }
}
