package io.bookstore.kit.http;

import io.bookstore.contracts.Tenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bookstore.kit.http.KitRequests.BASKET;
import static io.bookstore.kit.http.KitRequests.VALIDATION;
import static io.bookstore.kit.http.KitRequests.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** The tenant: required where scoped, optional elsewhere, never malformed, and in the request's log lines only. */
@QuarkusTest
class TenantFilterTest {

    @Test
    void aScopedEndpointRefusesARequestWithoutTenantBeforeReadingTheBody() {
        problem(given().contentType(ContentType.JSON).body("{not json").post("/kit/baskets").then(), 400, VALIDATION)
                .body("detail", equalTo("X-Tenant-Id is required"))
                .body("errors.field", contains(Tenants.HEADER))
                .body("errors.message", contains("is required"));
    }

    @Test
    void aMalformedTenantIsRefusedEverywhere() {
        for (String tenant : List.of("Acme", "-acme", "a", "acme_books", "x".repeat(64), "acme,other")) {
            problem(given().header(Tenants.HEADER, tenant).contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then(),
                    400, VALIDATION)
                    .body("detail", equalTo("X-Tenant-Id must match " + Tenants.PATTERN))
                    .body("errors.field", contains(Tenants.HEADER));
            problem(given().header(Tenants.HEADER, tenant).get("/kit/books").then(), 400, VALIDATION)
                    .body("errors.field", contains(Tenants.HEADER));
        }
    }

    @Test
    void anEndpointThatIsNotScopedNeedsNoTenant() {
        given().get("/kit/books").then()
                .statusCode(200)
                .body("logged_tenant", equalTo(""));
    }

    @Test
    void theTenantLabelsTheRequestsLogLinesAndLeavesWithTheResponse() {
        given().header(Tenants.HEADER, "acme").contentType(ContentType.JSON).body(BASKET).post("/kit/baskets").then()
                .statusCode(200)
                .body("logged_tenant", equalTo("acme"))
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
        given().header(Tenants.HEADER, "globex").get("/kit/books").then()
                .statusCode(200)
                .body("logged_tenant", equalTo("globex"))
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
    }

    @Test
    void theTenantLeavesTheLogLinesWhenTheRequestFails() {
        given().header(Tenants.HEADER, "acme").get("/kit/failure").then()
                .statusCode(500)
                .header(MdcAfterResponse.HEADER, MdcAfterResponse.NONE);
    }
}
