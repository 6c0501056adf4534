package io.bookstore.orders;

import io.bookstore.contracts.HttpHeaders;
import io.bookstore.testkit.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Requests to the orders API as its clients send them, and valid bodies to start from. */
public final class Api {

    public static final String EFFECTIVE_JAVA = "978-0-13-468599-1";
    public static final String HEAD_FIRST = "9780596009205";

    private Api() {
    }

    /** A tenant no other test uses, so its orders and metrics are this test's alone. */
    public static String newTenant() {
        byte[] random = new byte[5];
        ThreadLocalRandom.current().nextBytes(random);
        return "t-" + HexFormat.of().formatHex(random);
    }

    public static Map<String, Object> line(String isbn, int qty, long unitPriceCents) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("isbn", isbn);
        line.put("qty", qty);
        line.put("unit_price_cents", unitPriceCents);
        return line;
    }

    /** 2 × 4999 + 1 × 3550 USD = 13548. A mutable map: tests break it in their own way. */
    public static Map<String, Object> validOrder() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("currency", "USD");
        body.put("payment_method", "pm_card_visa");
        body.put("lines", new ArrayList<>(List.of(line(EFFECTIVE_JAVA, 2, 4999), line(HEAD_FIRST, 1, 3550))));
        return body;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> firstLine(Map<String, Object> body) {
        return ((List<Map<String, Object>>) body.get("lines")).get(0);
    }

    /** A request of a shopper of {@code tenant}, with a token of the test realm. */
    public static RequestSpecification as(String tenant) {
        return RestAssured.given().auth().oauth2(TestTokens.shared().shopper(tenant));
    }

    /** A request of the settler, payments-gateway's service account: the one that may change a status. */
    public static RequestSpecification asSettler() {
        return RestAssured.given().auth().oauth2(TestTokens.shared().settler());
    }

    public static ValidatableResponse create(String tenant, Object body) {
        return as(tenant).contentType(ContentType.JSON).body(body).post("/orders").then();
    }

    public static ValidatableResponse create(String tenant, String idempotencyKey, Object body) {
        return as(tenant).header(HttpHeaders.IDEMPOTENCY_KEY, idempotencyKey).contentType(ContentType.JSON).body(body)
                .post("/orders").then();
    }

    /** Creates a valid order and returns its id. */
    public static UUID createdOrder(String tenant) {
        return UUID.fromString(create(tenant, validOrder()).statusCode(201).extract().path("order_id"));
    }

    public static ValidatableResponse get(String tenant, Object id) {
        return as(tenant).get("/orders/" + id).then();
    }

    /** GET /orders with the query parameters given (name, value, name, value, …). */
    public static ValidatableResponse list(String tenant, Object... query) {
        RequestSpecification request = as(tenant);
        for (int i = 0; i < query.length; i += 2) {
            request = request.queryParam((String) query[i], query[i + 1]);
        }
        return request.get("/orders").then();
    }

    /** A status change, as the settler sends it. */
    public static ValidatableResponse patch(Object id, Object body) {
        return asSettler().contentType(ContentType.JSON).body(body).patch("/orders/" + id).then();
    }

    public static Map<String, Object> outcome(String status, String paymentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (paymentId != null) {
            body.put("payment_id", paymentId);
        }
        return body;
    }

    public static String newPaymentId() {
        return "pi_" + UUID.randomUUID().toString().replace("-", "");
    }
}
