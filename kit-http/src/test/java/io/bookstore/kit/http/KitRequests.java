package io.bookstore.kit.http;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Requests to {@link KitResource} as a client sends them, and the problem every refusal must be. */
final class KitRequests {

    static final String VALIDATION = "urn:bookstore:problem:validation";
    static final String MALFORMED = "urn:bookstore:problem:malformed-request";
    static final String BASKET = "{\"items\":[{\"isbn\":\"9780134685991\",\"qty\":1}],\"payment_method\":\"pm_card_visa\"}";

    /** A shopper's token of tenant {@code acme}. */
    static final String ACME = TestTokens.shared().shopper("acme");

    private KitRequests() {
    }

    /** {@code POST /kit/baskets} with this JSON, for tenant {@code acme}. */
    static ValidatableResponse postBasket(String json) {
        return given().auth().oauth2(ACME).contentType(ContentType.JSON).body(json).post("/kit/baskets").then();
    }

    /** The response is a problem+json of this status and type; further assertions follow. */
    static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType(HttpHeaders.PROBLEM_JSON)
                .body("status", equalTo(status))
                .body("type", equalTo(type));
    }
}
