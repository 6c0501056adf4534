package io.bookstore.payments.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A Stripe Event as delivered to the webhook: its id and type, and for
 * {@code payment_intent.*} events the intent as it was when the event happened.
 */
public record WebhookEvent(String id, String type, Optional<PaymentIntent> intent) {

    public static final String PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_INTENT_PAYMENT_FAILED = "payment_intent.payment_failed";
    private static final String PAYMENT_INTENT_PREFIX = "payment_intent.";

    public static WebhookEvent parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedWebhookException("the body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("type").isTextual()) {
            throw new MalformedWebhookException("the body is not a Stripe event: it has no type");
        }
        String type = root.path("type").asText();
        if (!type.startsWith(PAYMENT_INTENT_PREFIX)) {
            return new WebhookEvent(root.path("id").asText(null), type, Optional.empty());
        }
        JsonNode object = root.path("data").path("object");
        PaymentIntent intent;
        try {
            intent = object.isObject() ? json.treeToValue(object, PaymentIntent.class) : null;
        } catch (IOException e) {
            throw new MalformedWebhookException("data.object of a " + type + " event is not a PaymentIntent: " + e.getMessage());
        }
        if (intent == null || intent.id() == null) {
            throw new MalformedWebhookException("data.object of a " + type + " event is not a PaymentIntent");
        }
        return new WebhookEvent(root.path("id").asText(null), type, Optional.of(intent));
    }

    /** What the PSP echoed from the intent's metadata: the order id, the tenant and the trace context. */
    public Map<String, String> metadata() {
        return intent.map(PaymentIntent::metadata).orElse(Map.of());
    }
}
