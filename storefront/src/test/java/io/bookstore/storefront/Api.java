package io.bookstore.storefront;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.restassured.specification.ResponseSpecification;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.hamcrest.Matchers.equalTo;

/** Requests to the storefront as shoppers' clients send them, and valid bodies to start from. */
final class Api {

    static final String VALIDATION = "urn:bookstore:problem:validation";
    static final String UNAVAILABLE = "urn:bookstore:problem:unavailable";

    private Api() {
    }

    /** A tenant no other test uses, so that its orders and metrics are this test's alone. */
    static String newTenant() {
        return "t-" + hex(5);
    }

    /** A W3C traceparent of a new, sampled trace. */
    static String newTraceparent() {
        return "00-" + hex(16) + "-" + hex(8) + "-01";
    }

    static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    static Map<String, Object> item(String isbn, Object qty) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("isbn", isbn);
        item.put("qty", qty);
        return item;
    }

    /** A checkout body of one copy of each book. A mutable map: tests break it in their own ways. */
    static Map<String, Object> basket(String... isbns) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String isbn : isbns) {
            items.add(item(isbn, 1));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("payment_method", "pm_card_visa");
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstItem(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("items")).get(0);
    }

    /** A request of a shopper of {@code tenant}, with a token of the test realm. */
    static RequestSpecification as(String tenant) {
        return RestAssured.given().auth().oauth2(TestTokens.shared().shopper(tenant));
    }

    static ValidatableResponse checkout(String tenant, Object body) {
        return checkout(as(tenant), body);
    }

    /** A checkout under an {@code Idempotency-Key}. */
    static ValidatableResponse checkout(String tenant, String idempotencyKey, Object body) {
        return checkout(as(tenant).header(HttpHeaders.IDEMPOTENCY_KEY, idempotencyKey), body);
    }

    static ValidatableResponse checkout(RequestSpecification request, Object body) {
        return request.contentType(ContentType.JSON).body(body).post("/api/v2/checkout").then();
    }

    /** The id of the order a checkout made, once it is accepted (202). */
    static String acceptedOrderId(ValidatableResponse checkout) {
        return checkout.statusCode(202).extract().path("order_id");
    }

    static ValidatableResponse order(String tenant, Object id) {
        return as(tenant).get("/api/v2/orders/" + id).then();
    }

    /** GET /api/v2/orders with the query parameters given (name, value, name, value, …). */
    static ValidatableResponse orders(String tenant, Object... query) {
        RequestSpecification request = as(tenant);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.get("/api/v2/orders").then();
    }

    static ValidatableResponse trace(String tenant, Object orderId) {
        return as(tenant).get("/api/v2/orders/" + orderId + "/trace").then();
    }

    /** What every refusal the storefront answers shares: its status, problem+json, and the problem type. */
    static ResponseSpecification problem(int status, String type) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType(HttpHeaders.PROBLEM_JSON)
                .expectBody("type", equalTo(type))
                .build();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
