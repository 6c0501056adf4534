package io.bookstore.payments.support;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static io.restassured.RestAssured.given;

/** Webhook deliveries the tests make themselves, signed (or not) as Stripe signs them. */
public final class Webhooks {

    public static final String SECRET = "whsec_bookstore";
    public static final String SIGNATURE = "Stripe-Signature";

    private Webhooks() {
    }

    /** A {@code payment_intent.*} event for the order's intent, whose metadata carries the order and a trace. */
    public static String event(String type, Services.Order order, String intentId, String intentStatus, String traceparent) {
        return """
                {"id":"evt_%s","object":"event","api_version":"2024-06-20","created":%d,"livemode":false,"type":"%s",
                 "data":{"object":{"id":"%s","object":"payment_intent","amount":%d,"currency":"usd","status":"%s",
                  "last_payment_error":null,
                  "metadata":{"order_id":"%s","tenant":"%s","traceparent":"%s"}}}}""".formatted(
                OrderEvents.hex(12), Instant.now().getEpochSecond(), type, intentId, order.totalCents(), intentStatus,
                order.id(), order.tenant(), traceparent);
    }

    /** {@code t=<seconds>,v1=<hex HMAC-SHA256(secret, t.body)>}, written independently of the gateway's code. */
    public static String signature(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ValidatableResponse deliver(String body, String signature) {
        RequestSpecification request = given().contentType("application/json; charset=utf-8").body(body);
        if (signature != null) {
            request.header(SIGNATURE, signature);
        }
        return request.post("/webhooks/psp").then();
    }

    public static ValidatableResponse deliverSigned(String body) {
        return deliver(body, signature(SECRET, Instant.now().getEpochSecond(), body));
    }
}
