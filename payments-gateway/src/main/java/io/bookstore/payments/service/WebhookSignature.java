package io.bookstore.payments.service;

import io.bookstore.payments.config.PspConfig;
import io.bookstore.payments.domain.InvalidSignatureException;
import io.bookstore.payments.domain.InvalidSignatureException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>,…}
 * over {@code t + "." + raw body}, keyed with the endpoint's signing secret. Several
 * {@code v1} may be present (while a secret is being rolled); one matching is enough.
 * Comparison takes the same time whatever the bytes, so timing reveals nothing of the
 * expected value; a timestamp further than the tolerance from now is refused as a replay.
 */
@ApplicationScoped
public class WebhookSignature {

    public static final String HEADER = "Stripe-Signature";

    private static final String SCHEME = "v1";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;
    private final Duration tolerance;

    @Inject
    public WebhookSignature(PspConfig config) {
        this(config.webhookSecret(), config.signatureTolerance());
    }

    WebhookSignature(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** Returns normally when the header signs {@code body} with the secret within the tolerance of {@code now}. */
    public void verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException(Reason.MISSING, "the " + HEADER + " header is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int equals = element.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = element.substring(0, equals).trim();
            String value = element.substring(equals + 1).trim();
            if (key.equals("t")) {
                timestamp = parseTimestamp(value);
            } else if (key.equals(SCHEME)) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new InvalidSignatureException(Reason.MALFORMED, HEADER + " must carry t=<unix seconds> and at least one v1=<signature>");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matched = false;
        for (String signature : signatures) {
            // No early exit: every candidate is compared in full.
            matched |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matched) {
            throw new InvalidSignatureException(Reason.MISMATCH, "no " + SCHEME + " signature of " + HEADER + " matches the body");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), now).abs();
        if (age.compareTo(tolerance) > 0) {
            throw new InvalidSignatureException(Reason.STALE, "the signature's timestamp is " + age.toSeconds()
                    + " s from now, more than the " + tolerance.toSeconds() + " s tolerated");
        }
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java runtime ships HmacSHA256; without it no webhook could ever be checked.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private static Long parseTimestamp(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            throw new InvalidSignatureException(Reason.MALFORMED, HEADER + " has a timestamp that is not unix seconds: " + value);
        }
        return Long.parseLong(value);
    }
}
