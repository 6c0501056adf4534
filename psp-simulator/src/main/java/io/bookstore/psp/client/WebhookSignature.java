package io.bookstore.psp.client;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}
 * of {@code t + "." + body} keyed with the endpoint's signing secret, so that a receiver can
 * check both who sent the event and that it is fresh.
 */
public final class WebhookSignature {

    public static final String HEADER = "Stripe-Signature";

    private WebhookSignature() {
    }

    public static String header(String secret, long timestamp, String payload) {
        return "t=" + timestamp + ",v1=" + v1(secret, timestamp, payload);
    }

    private static String v1(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256; without it no webhook could be signed at all.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
