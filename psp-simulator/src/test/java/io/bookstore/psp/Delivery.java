package io.bookstore.psp;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One webhook request as the test receiver got it. */
public record Delivery(@JsonProperty("received_at_millis") long receivedAtMillis,
                       @JsonProperty("method") String method,
                       @JsonProperty("status") int status,
                       @JsonProperty("headers") Map<String, List<String>> headers,
                       @JsonProperty("body") String body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE = Pattern.compile("^t=(\\d+),v1=([0-9a-f]{64})$");

    public List<String> header(String name) {
        return headers.getOrDefault(name.toLowerCase(), List.of());
    }

    public JsonNode event() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String type() {
        return event().path("type").asText();
    }

    public String eventId() {
        return event().path("id").asText();
    }

    public JsonNode intent() {
        return event().path("data").path("object");
    }

    /** The {@code t} of the Stripe-Signature header, if the header has Stripe's form. */
    public Optional<Long> signedAt() {
        return signature().map(matcher -> Long.parseLong(matcher.group(1)));
    }

    /**
     * Verifies the signature the way a Stripe library does, written here independently of
     * the simulator's code: HMAC-SHA256 of {@code t + "." + raw body} with the endpoint secret.
     */
    public boolean signatureVerifies(String secret) {
        return signature().map(matcher -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((matcher.group(1) + "." + body).getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(expected, HexFormat.of().parseHex(matcher.group(2)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(false);
    }

    private Optional<Matcher> signature() {
        List<String> values = header("Stripe-Signature");
        if (values.size() != 1) {
            return Optional.empty();
        }
        Matcher matcher = SIGNATURE.matcher(values.get(0));
        return matcher.matches() ? Optional.of(matcher) : Optional.empty();
    }
}
