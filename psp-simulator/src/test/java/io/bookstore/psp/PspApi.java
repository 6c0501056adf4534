package io.bookstore.psp;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Calls the simulator the way a Stripe client library does: form-encoded UTF-8, bearer secret key. */
final class PspApi {

    static final String SECRET_KEY = "sk_test_bookstore";
    static final String FORM = "application/x-www-form-urlencoded";

    private PspApi() {
    }

    static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + SECRET_KEY);
    }

    /** {@code name, value, name, value, …} encoded as a form body. */
    static String form(String... pairs) {
        List<String> encoded = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            encoded.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", encoded);
    }

    static ValidatableResponse create(String... pairs) {
        return api().contentType(FORM).body(form(pairs)).when().post("/v1/payment_intents").then();
    }

    static ValidatableResponse create(RequestSpecification request, String... pairs) {
        return request.contentType(FORM).body(form(pairs)).when().post("/v1/payment_intents").then();
    }

    static ValidatableResponse createWithKey(String idempotencyKey, String... pairs) {
        return create(api().header("Idempotency-Key", idempotencyKey), pairs);
    }

    static ValidatableResponse confirm(String intentId, String... pairs) {
        return api().contentType(FORM).body(form(pairs)).when().post("/v1/payment_intents/{id}/confirm", intentId).then();
    }

    static ValidatableResponse cancel(String intentId, String... pairs) {
        return api().contentType(FORM).body(form(pairs)).when().post("/v1/payment_intents/{id}/cancel", intentId).then();
    }

    static ValidatableResponse retrieve(String intentId) {
        return api().when().get("/v1/payment_intents/{id}", intentId).then();
    }

    /** {@code GET /v1/payment_intents} with the given query parameters ({@code name, value, …}), sent encoded as given. */
    static ValidatableResponse list(String... pairs) {
        return api().urlEncodingEnabled(false).when().get("/v1/payment_intents" + (pairs.length == 0 ? "" : "?" + form(pairs))).then();
    }

    /** A confirmed $49.99 charge to the given test card, with an order id in metadata and any extra parameters. */
    static String[] charge(String paymentMethod, String... extra) {
        List<String> pairs = new ArrayList<>(List.of("amount", "4999", "currency", "usd", "payment_method", paymentMethod,
                "confirm", "true", "metadata[order_id]", UUID.randomUUID().toString()));
        pairs.addAll(Arrays.asList(extra));
        return pairs.toArray(String[]::new);
    }

    /** The {@code psp_payment_intents_stored} gauge: how many intents the simulator holds. */
    static long storedIntents() {
        return (long) metric("psp_payment_intents_stored");
    }

    /** The value of one series at /q/metrics ({@code name{labels}} exactly as Prometheus prints it), 0 when absent. */
    static double metric(String series) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
                .findFirst()
                .orElse(0);
    }

    static String orderId(String[] pairs) {
        return pairs[Arrays.asList(pairs).indexOf("metadata[order_id]") + 1];
    }
}
